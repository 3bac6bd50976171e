import { openSchoolFile } from '../core/db/open.ts';
import { countAccounts } from '../core/directory/accounts.ts';
import { loadDemoSchool } from '../core/directory/demo-school.ts';
import { createContext, type ContextOverrides, type CoreContext } from './context.ts';

export interface OpenSchoolOptions {
  /** First launch of the app: an empty file gets the demo school. */
  demoWhenEmpty?: boolean;
  /** What the caller supplies to the context: the secret store, the SMTP environment… */
  context?: ContextOverrides;
}

export async function openSchool(filePath: string, options: OpenSchoolOptions = {}): Promise<CoreContext> {
  const db = await openSchoolFile(filePath);
  const context = createContext(db, filePath, options.context);
  if (options.demoWhenEmpty && countAccounts(db) === 0) loadDemoSchool(db, context.now());
  return context;
}
