import { type IdentitySeed } from './azure-devops-scenario';
import { type ProjectRecord } from './azure-devops-state';

/** What a JSON view needs to write absolute links: the two hosts and the project of the request. */
export interface ViewContext {
  /** The collection URL with a trailing slash (plays `https://dev.azure.com/{org}/`). */
  readonly collectionUrl: string;
  /** The release URL with a trailing slash (plays `https://vsrm.dev.azure.com/{org}/`). */
  readonly releaseUrl: string;
  readonly project: ProjectRecord;
}

/** An `IdentityRef` as the service writes it. */
export function identityView(identity: IdentitySeed, context: ViewContext): Record<string, unknown> {
  return {
    displayName: identity.displayName,
    url: `${context.collectionUrl}_apis/Identities/${identity.id}`,
    _links: {
      avatar: { href: `${context.collectionUrl}_apis/GraphProfile/MemberAvatars/aad.${identity.id}` },
    },
    id: identity.id,
    uniqueName: identity.uniqueName,
    imageUrl: `${context.collectionUrl}_api/_common/identityImage?id=${identity.id}`,
    descriptor: `aad.${Buffer.from(identity.id).toString('base64url')}`,
  };
}

/** A `ProjectReference` / `TeamProjectReference` as embedded in other resources. */
export function projectReferenceView(context: ViewContext): Record<string, unknown> {
  return { id: context.project.id, name: context.project.name };
}
