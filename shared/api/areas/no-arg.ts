import { z } from '../../domain/zod.ts';
import type { NoArg } from '../define.ts';

/** The schema of methods with nothing to say: an empty object. Its own module, so that no area loads another's schemas. */
export const noArg = z.object({}).strict() as unknown as z.ZodType<NoArg>;
