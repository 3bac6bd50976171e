/** The core's user-facing error, which the handlers throw too. */
export { UserError } from '../core/errors.ts';
