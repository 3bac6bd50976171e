import { createClient, type ApiClient } from '../../shared/api/client.ts';
import type { Result } from '../../shared/api/result.ts';
import { openSchoolFile, type SchoolDb } from '../core/db/open.ts';
import { insertAccount, type NewAccount } from '../core/directory/accounts.ts';
import { attachToClass, insertClass, linkGuardian } from '../core/directory/classes.ts';
import { createContext, type CoreContext } from '../api/context.ts';
import { inProcessTransport } from '../api/in-process.ts';

/**
 * A school for tests that go through the API: a real SQLite file in memory, a clock the test
 * moves, and builders for classes, accounts and links. Not a test file itself.
 */
export interface TestSchool {
  db: SchoolDb;
  context: CoreContext;
  api: ApiClient;
  clock: { now: Date };
  addClass(name: string, level?: string): number;
  addAccount(account: Partial<NewAccount> & Pick<NewAccount, 'lastName' | 'firstName'>): number;
  attach(accountId: number, classId: number): void;
  link(guardianId: number, childId: number): void;
  /** Days later on the test clock. */
  advance(days: number): void;
}

export async function givenSchool(start = new Date('2026-09-07T08:00:00Z')): Promise<TestSchool> {
  const db = await openSchoolFile(':memory:');
  const clock = { now: start };
  const context = createContext(db, ':memory:', { now: () => clock.now, actor: 'directrice' });
  let logins = 0;
  return {
    db,
    context,
    api: createClient(inProcessTransport(context)),
    clock,
    addClass: (name, level) => insertClass(db, { name, level: level ?? null }),
    addAccount: (account) =>
      insertAccount(db, {
        profile: 'student',
        login: `${account.firstName}.${account.lastName}.${++logins}`.normalize('NFKD').replace(/[^a-zA-Z0-9.]/g, '').toLowerCase(),
        activationCode: 'abcd2345',
        source: 'ENT',
        createdAt: '2025-09-01T08:00:00.000Z',
        ...account,
      }),
    attach: (accountId, classId) => attachToClass(db, accountId, classId),
    link: (guardianId, childId) => linkGuardian(db, guardianId, childId),
    advance(days) {
      clock.now = new Date(clock.now.getTime() + days * 86_400_000);
    },
  };
}

/** The value of a successful answer; fails the test with the French message otherwise. */
export function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}
