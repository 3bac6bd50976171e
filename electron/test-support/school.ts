import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type ApiClient } from '../../shared/api/client.ts';
import { createContext, type ContextOverrides, type CoreContext } from '../api/context.ts';
import { inProcessTransport } from '../api/in-process.ts';
import { openSchoolFile } from '../core/db/open.ts';
import { loadDemoSchool } from '../core/directory/demo-school.ts';

/** The clock of every test school: the morning of the 2026 rentrée. */
export const testNow = new Date('2026-09-01T08:00:00.000Z');

export interface TestSchool {
  context: CoreContext;
  api: ApiClient;
  dir: string;
  cleanup(): void;
}

/** A real school file in a temp folder, optionally with the demo school, behind the API. */
export async function testSchool(options: { demo?: boolean; context?: ContextOverrides } = {}): Promise<TestSchool> {
  const dir = mkdtempSync(join(tmpdir(), 'sesame-test-'));
  const filePath = join(dir, 'ecole.db');
  const db = await openSchoolFile(filePath);
  const context = createContext(db, filePath, { now: () => testNow, actor: 'directrice', ...options.context });
  if (options.demo) loadDemoSchool(db, testNow);
  return {
    context,
    api: createClient(inProcessTransport(context)),
    dir,
    cleanup() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
