import { type MissingDataPolicy } from '../../lib/monspec';

/** Where the monspec of a gate request comes from. */
export type MonspecInput =
  /** `monspec` as a JSON object. */
  | { readonly kind: 'document'; readonly document: unknown }
  /** `monspec` as text (JSON or JSONC), e.g. a form field or a JSON string. */
  | { readonly kind: 'text'; readonly text: string }
  /** `monspecUrl`. */
  | { readonly kind: 'url'; readonly url: string };

/** When the evaluated window ends. */
export type WindowEnd =
  /** Not given: the request time minus `GATE_INGEST_DELAY_SECONDS`. */
  | { readonly kind: 'default' }
  /** `"now"`: the request time, without the ingest delay. */
  | { readonly kind: 'now' }
  /** Epoch milliseconds or an ISO 8601 time. */
  | { readonly kind: 'at'; readonly epochMs: number };

/**
 * A validated gate request, the same whether it arrived as JSON or as a multipart form (DESIGN §4):
 * `{ monspec | monspecUrl, service, comparison, window?, end?, onmissingsource?, onmissingcompare?, context? }`.
 */
export interface GateRequest {
  readonly monspec: MonspecInput;
  /** The entity definition, a top-level key of the monspec. */
  readonly service: string;
  readonly comparison: string;
  /** Minutes; `undefined` means `GATE_DEFAULT_WINDOW_MINUTES`. */
  readonly windowMinutes: number | undefined;
  readonly end: WindowEnd;
  readonly onMissingSource?: MissingDataPolicy;
  readonly onMissingCompare?: MissingDataPolicy;
  /** Free-form caller context (JSON requests only), recorded with the evaluation. */
  readonly context?: Readonly<Record<string, unknown>>;
}
