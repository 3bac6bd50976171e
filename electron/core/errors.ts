import type { ErrorCode } from '../../shared/api/result.ts';

/**
 * An error meant for the user: its French message crosses every transport as is. It belongs to
 * the core, which throws it; the API only maps it to a Result.
 */
export class UserError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'UserError';
    this.code = code;
  }
}
