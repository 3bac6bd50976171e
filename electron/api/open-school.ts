import { openSchoolFile } from '../core/db/open.ts';
import { countAccounts } from '../core/directory/accounts.ts';
import { loadDemoSchool } from '../core/directory/demo-school.ts';
import { startUpMaintenance } from '../core/directory/maintenance.ts';
import { createContext, type CoreContext } from './context.ts';

export interface OpenSchoolOptions {
  /** First launch of the app: an empty file gets the demo school. */
  demoWhenEmpty?: boolean;
}

export async function openSchool(filePath: string, options: OpenSchoolOptions = {}): Promise<CoreContext> {
  const db = await openSchoolFile(filePath);
  const context = createContext(db, filePath);
  if (options.demoWhenEmpty && countAccounts(db) === 0) loadDemoSchool(db, context.now());
  startUpMaintenance(db, context.now(), context.actor);
  return context;
}
