import type { ErrorCode } from '../../shared/api/result.ts';

/** An error meant for the user: its French message crosses the transport as is. */
export class UserError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'UserError';
    this.code = code;
  }
}
