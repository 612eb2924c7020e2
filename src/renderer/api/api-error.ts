// A failed API call: the server's code and status, in the one shape every caller reads.
import type { FieldError } from '../../shared/settings';

export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    /** The server's machine-readable code, or `network` / `bad-response` for failures on our side. */
    readonly code: string,
    /** The HTTP status; 0 when the server could not be reached at all. */
    readonly status: number,
    message: string,
    /** Every bad field of the request, when the server named them. */
    readonly fields: readonly FieldError[] = [],
  ) {
    super(message);
  }
}
