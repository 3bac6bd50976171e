/** Every call across a transport answers with this shape: errors are data, never exceptions. */
export type ErrorCode =
  | 'invalid-argument'
  | 'unknown-method'
  | 'not-found'
  | 'conflict'
  | 'invalid-file'
  | 'cancelled'
  | 'unavailable'
  | 'forbidden'
  | 'internal';

export interface ApiError {
  code: ErrorCode;
  /** French, written for a school director. */
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string): { ok: false; error: ApiError } {
  return { ok: false, error: { code, message } };
}
