/** A `multipart/form-data` body that cannot be read; the message says which part and what was found. */
export class MultipartFormError extends Error {
  override readonly name = 'MultipartFormError';
}
