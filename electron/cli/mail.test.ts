import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '../../shared/api/client.ts';
import type { AccountListItem } from '../../shared/domain/account.ts';
import { inProcessTransport } from '../api/in-process.ts';
import { openSchool } from '../api/open-school.ts';
import { smtpEnvironment } from '../core/publipostage/mail/settings.ts';
import { fakeClock } from '../test-support/clock.ts';
import { startTestSmtp, type TestSmtpOptions, type TestSmtpServer } from '../test-support/smtp.ts';
import { mailCommand } from './commands/mail.ts';
import { runCli } from './main.ts';
import { CommandError } from './usage.ts';

const bin = resolve(import.meta.dirname, '../../bin/sesame.js');
const parentsOfCpA = ['--class', 'CP A', '--profile', 'relative'];

async function run(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const code = await runCli(args, (text) => void out.push(text), (text) => void err.push(text));
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    for (const key of Object.keys(env)) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  }
}

/**
 * `sesame mail ARGS` as runCli runs it, on a fake clock: the rate limit (600 a minute at most)
 * and the waits before reconnecting take no real time, so hundreds of messages go in seconds.
 */
async function mailOnFakeClock(db: string, args: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const clock = fakeClock();
  const { values, positionals } = parseArgs({ args, options: mailCommand.options, strict: true });
  const context = await openSchool(db, { context: { smtpEnvironment: smtpEnvironment(env), now: clock.now, sleep: clock.sleep } });
  let code = 0;
  try {
    await mailCommand.run({ api: createClient(inProcessTransport(context)), context, out: (text) => void out.push(text), err: (text) => void err.push(text) }, values, positionals);
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    err.push(error.message);
    code = 1;
  } finally {
    context.db.close();
  }
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('sesame mail', () => {
  let dir: string;
  let db: string;
  let server: TestSmtpServer;
  let env: Record<string, string>;
  /** Addresses of the selection: each must end with exactly one message. */
  let addresses: string[];

  async function serve(options: TestSmtpOptions = {}) {
    server = await startTestSmtp({ users: { direction: 'secret' }, ...options });
    env = { SESAME_SMTP_URL: server.url('direction', 'secret'), SESAME_SMTP_FROM: 'École de démonstration <direction@ecole.example>' };
  }

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sesame-cli-mail-'));
    db = join(dir, 'ecole.db');
    expect((await run(['--db', db, 'demo'])).code).toBe(0);
    // One connection, so that a test knows exactly where a kill lands; no waiting between messages.
    expect((await run(['--db', db, 'api', 'mail.updateSettings', JSON.stringify({ smtp: { ratePerMinute: 600, connections: 1 } })])).code).toBe(0);
    const listed = await run(['--db', db, 'list', '--json', ...parentsOfCpA, '--email', 'yes']);
    addresses = (JSON.parse(listed.stdout) as AccountListItem[]).map((account) => account.email as string);
    expect(addresses.length).toBeGreaterThan(10);
  });

  afterEach(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('--dry-run says who would receive what and sends nothing', async () => {
    await serve();
    const { code, stdout } = await run(['--db', db, 'mail', ...parentsOfCpA, '--dry-run', '--json'], env);
    expect(code).toBe(0);
    const plan = JSON.parse(stdout) as { withAddress: number; recipients: { to: string | null; message: string | null; subject: string | null }[] };
    expect(plan.withAddress).toBe(addresses.length);
    expect(plan.recipients.filter((r) => r.to).map((r) => r.to).sort()).toEqual([...addresses].sort());
    expect(plan.recipients.find((r) => r.message === 'notActivated')?.subject).toBe('Vos identifiants ONE – École de démonstration');
    expect(server.received).toHaveLength(0);

    const text = await run(['--db', db, 'mail', ...parentsOfCpA, '--dry-run'], env);
    expect(text.stdout).toMatch(/^Simulation : \d+ courriels seraient envoyés, \d+ comptes sans adresse utilisable\.$/m);
    expect(text.stdout).toContain('Sans adresse utilisable (à remettre sur papier) :');
  });

  it('--json prints the counts and the campaign number', async () => {
    await serve();
    const { code, stdout } = await run(['--db', db, 'mail', ...parentsOfCpA, '--json'], env);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ campaignId: 1, status: 'done', sent: addresses.length, failed: 0, skipped: expect.any(Number) });
    expect(server.received.map((mail) => mail.to[0]).sort()).toEqual([...addresses].sort());
  });

  it('exits 1 with the reason when the campaign pauses, and tells how to resume', async () => {
    await serve();
    const wrong = { ...env, SESAME_SMTP_URL: server.url('direction', 'faux') };
    const { code, stderr } = await run(['--db', db, 'mail', ...parentsOfCpA], wrong);
    expect(code).toBe(1);
    expect(stderr).toMatch(/Identifiant ou mot de passe refusé .* Reprendre : sesame mail --resume 1$/);
    expect((await run(['--db', db, 'mail', '--resume', '1', '--class', 'CP A'], env)).code).toBe(2);
  });

  it('rides out a server that cuts every 50th message: one run of 356, each sent once or reported uncertain, no resume', async () => {
    // The school of the report: 356 recipients. The demo has fewer addresses: give some to the others.
    const school = await openSchool(db);
    const withAddress = `FROM account WHERE ent_status = 'known' AND email IS NOT NULL`;
    const missing = 356 - (school.db.prepare(`SELECT count(*) ${withAddress}`).pluck().get() as number);
    school.db
      .prepare(`UPDATE account SET email = 'famille.' || id || '@ecole.example' WHERE id IN (SELECT id FROM account WHERE ent_status = 'known' AND email IS NULL ORDER BY id LIMIT ?)`)
      .run(missing);
    const everyone = school.db.prepare(`SELECT email, login ${withAddress}`).all() as { email: string; login: string }[];
    school.db.close();
    expect(everyone).toHaveLength(356);
    // Every 50th message's connection is cut: at MAIL FROM (50, 150, 250, 350), after its end of data (100, 200, 300).
    await serve({ cut: (message) => (message % 50 !== 0 ? null : message % 100 === 0 ? 'endOfData' : 'mailFrom') });
    expect((await run(['--db', db, 'api', 'mail.updateSettings', JSON.stringify({ smtp: { connections: 2 } })])).code).toBe(0);

    const { code, stdout } = await mailOnFakeClock(db, ['--email', 'yes', '--json'], env);

    expect(code).toBe(0);
    // The three cut after their end of data did arrive: reported uncertain, never sent again.
    expect(JSON.parse(stdout)).toMatchObject({ campaignId: 1, status: 'done', sent: 353, uncertain: 3, failed: 0, retry: 0, waiting: 0 });
    // Per account, not per address: a few demo families share one address between two accounts.
    const messagesFor = ({ email, login }: { email: string; login: string }) =>
      server.received.filter((mail) => mail.to.includes(email) && mail.text.includes(`Identifiant : ${login}\n`)).length;
    for (const account of everyone) expect({ ...account, messages: messagesFor(account) }).toEqual({ ...account, messages: 1 });
    expect(server.received).toHaveLength(356);
  });

  it('after the server went away for good and the tries ran out, says how many recipients still wait', async () => {
    await serve({ cut: (message) => (message > 4 ? 'mailFrom' : null) });
    const { code, stdout, stderr } = await mailOnFakeClock(db, [...parentsOfCpA], env);
    expect(code).toBe(1);
    expect(stdout).toMatch(new RegExp(`^Envoi par courriel n° 1 : 4 envoyés, 0 échec, \\d+ non envoyés \\(sans adresse ou sans identifiants\\), ${addresses.length - 4} en attente\\.$`));
    expect(stdout).not.toMatch(/refus temporaire/);
    expect(stderr).toMatch(/a été coupée\. .*Sésame a essayé 4 fois, à quelques secondes d’intervalle, sans succès\. Reprendre : sesame mail --resume 1$/);
    expect(server.received).toHaveLength(4);
  });

  /** Starts `sesame mail` as a real process; the test server kills it at the chosen moment. */
  async function sendAndKill(killAt: (kill: () => void) => TestSmtpOptions): Promise<void> {
    let child: ChildProcess | null = null;
    const kill = () => child?.kill('SIGKILL');
    await serve(killAt(kill));
    child = spawn(process.execPath, [bin, '--db', db, 'mail', ...parentsOfCpA, '--json'], { env: { ...process.env, ...env }, stdio: 'ignore' });
    const [exitCode, signal] = (await once(child, 'exit')) as [number | null, string | null];
    expect({ exitCode, signal }).toEqual({ exitCode: null, signal: 'SIGKILL' });
  }

  async function resumeAndCount() {
    const { code, stdout } = await run(['--db', db, 'mail', '--resume', '1', '--json'], env);
    expect(code).toBe(0);
    for (const address of addresses) expect({ address, messages: server.countFor(address) }).toEqual({ address, messages: 1 });
    expect(server.received).toHaveLength(addresses.length);
    return JSON.parse(stdout) as { sent: number; uncertain: number; status: string };
  }

  it('killed before a message went out, then resumed: every recipient gets exactly one message', async () => {
    let envelopes = 0;
    await sendAndKill((kill) => ({
      rcpt: () => {
        if (++envelopes === 5) kill();
        return null;
      },
    }));
    expect(server.received).toHaveLength(4);
    const result = await resumeAndCount();
    expect(result).toMatchObject({ status: 'done', sent: addresses.length, uncertain: 0 });
  });

  it('killed after a message went out but before the server answered, then resumed: exactly one message each', async () => {
    await sendAndKill((kill) => ({ onDataEnd: (count) => (count === 5 ? kill() : undefined) }));
    expect(server.received).toHaveLength(5);
    const result = await resumeAndCount();
    // The fifth was delivered but never confirmed: reported as uncertain, not sent again.
    expect(result).toMatchObject({ status: 'done', sent: addresses.length - 1, uncertain: 1 });
  });
});
