const ENTITY_ID = /^[A-Za-z][A-Za-z0-9_]*-[A-Za-z0-9]{1,64}$/;

/**
 * Whether a string has the shape of a Dynatrace entity id (`SERVICE-5A1F0C3B7E9D2468`,
 * `PROCESS_GROUP_INSTANCE-…`; the test notification's `HOST-XXXXXXXXXXXXX` too). Ids go into Events API
 * selectors such as `entityId("…")`, so anything else — quotes, commas, parentheses — is refused rather
 * than escaped.
 */
export function isEntityId(value: string): boolean {
  return ENTITY_ID.test(value);
}
