import { type WireReader } from './wire-reader';

/** Who requested or changed something (`IdentityRef`), reduced to what messages need. */
export interface IdentityRef {
  readonly id: string;
  readonly displayName: string;
  readonly uniqueName: string | undefined;
}

/** Reads an `IdentityRef`; undefined when absent or null. */
export function parseIdentityRef(reader: WireReader): IdentityRef | undefined {
  if (!reader.present) return undefined;
  return {
    id: reader.field('id').string(),
    displayName: reader.field('displayName').string(),
    uniqueName: reader.field('uniqueName').optionalString(),
  };
}
