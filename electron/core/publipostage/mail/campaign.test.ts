import { hostname } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../../shared/api/client.ts';
import type { Result } from '../../../../shared/api/result.ts';
import type { AccountListItem } from '../../../../shared/domain/account.ts';
import type { CampaignRecipient, CampaignSummary, SmtpSettings } from '../../../../shared/domain/mail.ts';
import type { Selection } from '../../../../shared/domain/selection.ts';
import { fakeClock } from '../../../test-support/clock.ts';
import { testSchool, type TestSchool } from '../../../test-support/school.ts';
import { startTestSmtp, type TestSmtpOptions, type TestSmtpServer } from '../../../test-support/smtp.ts';
import { stmt } from '../../db/statements.ts';
import { readSettings } from '../../directory/settings.ts';
import { runCampaign } from './campaign-runner.ts';
import { openSmtpSender } from './transport.ts';

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** Parents and teachers of CP A: some activated, some not, a third without an address. */
const cpA: Selection = { filter: { classes: ['CP A'] }, sort: ['none', 'none'] };

interface Fixture {
  school: TestSchool;
  api: ApiClient;
  server: TestSmtpServer;
  clock: ReturnType<typeof fakeClock>;
}

let fixture: Fixture | null = null;

async function given(options: TestSmtpOptions = {}, smtp: Partial<SmtpSettings> = {}, password = 'secret'): Promise<Fixture> {
  const clock = fakeClock();
  const school = await testSchool({ demo: true, context: { now: clock.now, sleep: clock.sleep } });
  const server = await startTestSmtp({ users: { direction: 'secret' }, ...options });
  value(await school.api.mail.updateSettings({ smtp: { ...server.settings({ user: 'direction', ...smtp }) }, password }));
  fixture = { school, api: school.api, server, clock };
  return fixture;
}

afterEach(async () => {
  await fixture?.server.close();
  fixture?.school.cleanup();
  fixture = null;
});

async function selected(api: ApiClient, selection: Selection): Promise<AccountListItem[]> {
  return value(await api.directory.list({ ...selection, offset: 0, limit: 50_000 })).items;
}

async function sendAll(api: ApiClient, selection: Selection, jobId = 'mail-test'): Promise<CampaignSummary> {
  const campaign = value(await api.mail.createCampaign(selection));
  return value(await api.mail.send({ campaignId: campaign.id, jobId }));
}

describe('mail to the selected accounts, against a real SMTP server on 127.0.0.1', () => {
  it('sends each account with an address one personal message: recipient, subject, login, code', async () => {
    const { api, server } = await given();
    const accounts = await selected(api, cpA);
    const addressed = accounts.filter((account) => account.email);
    const plan = value(await api.mail.plan(cpA));
    expect(plan.withAddress).toBe(addressed.length);
    expect(plan.withoutAddress).toBe(accounts.length - addressed.length);
    expect(plan.withoutAddressIds.sort()).toEqual(accounts.filter((a) => !a.email).map((a) => a.id).sort());

    const summary = await sendAll(api, cpA);

    expect(summary.status).toBe('done');
    expect(summary.counts.sent).toBe(addressed.length);
    expect(summary.counts.skipped).toBe(accounts.length - addressed.length);
    expect(server.received).toHaveLength(addressed.length);
    for (const account of addressed) {
      const mails = server.received.filter((mail) => mail.to.includes(account.email as string));
      expect(mails, account.email as string).toHaveLength(1);
      const mail = mails[0]!;
      expect(mail.to).toEqual([account.email]);
      expect(mail.user).toBe('direction');
      expect(mail.from).toBe('direction@ecole.example');
      expect(mail.text).toContain(`Bonjour ${account.firstName} ${account.lastName},`);
      expect(mail.text).toContain(`Identifiant : ${account.login}`);
      expect(mail.html).toContain(account.login);
      if (account.activated) {
        expect(mail.subject).toBe('Rappel de votre identifiant ONE – École de démonstration');
        expect(mail.text).not.toMatch(/Code d’activation/);
        expect(mail.text).toContain('Mot de passe oublié');
      } else {
        expect(mail.subject).toBe('Vos identifiants ONE – École de démonstration');
        expect(mail.text).toContain(`Code d’activation : ${account.activationCode}`);
        expect(mail.html).toContain(account.activationCode as string);
      }
      expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    }
  });

  it('sends nothing to accounts without an address or outside the selection', async () => {
    const { api, server } = await given();
    const inSelection = new Set((await selected(api, cpA)).map((account) => account.email).filter(Boolean));
    await sendAll(api, cpA);
    for (const mail of server.received) expect(inSelection.has(mail.to[0] as string)).toBe(true);
    expect(new Set(server.received.map((mail) => mail.to[0])).size).toBe(server.received.length);
  });

  it('tells a parent whose guardian they are, and never writes a code for an activated account', async () => {
    const { api, server } = await given();
    await sendAll(api, { filter: { classes: ['CP A'], profiles: ['relative'] }, sort: ['none', 'none'] });
    expect(server.received.length).toBeGreaterThan(5);
    for (const mail of server.received) expect(mail.text).toMatch(/^Responsable de : .+ \(CP A\)/m);
  });

  it('retries an address the server refuses for now (452), after a wait, and delivers it once', async () => {
    const { api, server, clock } = await given({ rcpt: (_address, attempt) => (attempt === 1 ? { code: 452, message: '4.2.2 Mailbox full, try later' } : null) });
    const started = clock.now().getTime();
    const summary = await sendAll(api, cpA);
    expect(summary.status).toBe('done');
    expect(summary.counts.retry).toBe(0);
    expect(summary.counts.sent).toBe(server.received.length);
    for (const mail of server.received) expect(server.countFor(mail.to[0] as string)).toBe(1);
    const page = value(await api.mail.campaign({ campaignId: summary.id, states: ['sent'], offset: 0, limit: 100 }));
    expect(page.recipients.every((recipient) => recipient.attempts === 2)).toBe(true);
    expect(clock.now().getTime() - started).toBeGreaterThanOrEqual(60_000);
  });

  it('gives up on an address after repeated temporary refusals, and says why', async () => {
    const target = 'mathilde.etienne@ac-nice.example';
    const { api, server } = await given({ rcpt: (address) => (address === target ? { code: 451, message: '4.7.1 Greylisted' } : null) });
    const summary = await sendAll(api, cpA);
    expect(summary.counts.failed).toBe(1);
    const failed = value(await api.mail.campaign({ campaignId: summary.id, states: ['failed'], offset: 0, limit: 10 })).recipients;
    expect(failed[0]).toMatchObject({ email: target, attempts: 5 });
    expect(failed[0]?.detail).toMatch(/Refus temporaire du serveur : « 451 4\.7\.1 Greylisted ».*Abandon après 5 essais/);
    expect(server.countFor(target)).toBe(0);
  });

  it('marks an address refused for good (550) as failed and sends the others', async () => {
    const target = 'mathilde.etienne@ac-nice.example';
    const { api, server } = await given({ rcpt: (address) => (address === target ? { code: 550, message: '5.1.1 No such user' } : null) });
    const accounts = await selected(api, cpA);
    const summary = await sendAll(api, cpA);
    expect(summary.status).toBe('done');
    expect(summary.counts.failed).toBe(1);
    expect(summary.counts.sent).toBe(accounts.filter((a) => a.email).length - 1);
    const failed = value(await api.mail.campaign({ campaignId: summary.id, states: ['failed'], offset: 0, limit: 10 })).recipients;
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ email: target, attempts: 1 });
    expect(failed[0]?.detail).toBe('Adresse refusée par le serveur : « 550 5.1.1 No such user ».');
    expect(server.countFor(target)).toBe(0);
  });

  it('pauses on a wrong password with a clear message, marks nothing sent, and resumes once fixed', async () => {
    const { api, server } = await given({}, {}, 'mauvais');
    const summary = await sendAll(api, cpA);
    expect(summary.status).toBe('paused');
    expect(summary.pauseReason).toMatch(/^Identifiant ou mot de passe refusé par le serveur de messagerie\. Vérifiez-les dans Paramètres → Messagerie\./);
    expect(summary.counts.sent).toBe(0);
    expect(summary.counts.queued).toBe(summary.total - summary.counts.skipped);
    expect(server.received).toHaveLength(0);

    const resumed = value(await api.mail.send({ campaignId: summary.id, jobId: 'again', password: 'secret' }));
    expect(resumed.status).toBe('done');
    expect(resumed.counts.sent).toBe(summary.total - summary.counts.skipped);
    expect(server.received).toHaveLength(resumed.counts.sent);
  });

  it('pauses when the server cannot be reached, after a few tries, keeping every recipient queued', async () => {
    const { api, server, clock } = await given();
    await server.close();
    const started = clock.now().getTime();
    const summary = await sendAll(api, cpA);
    // Waited 1 s, 2 s and 4 s between the tries.
    expect(clock.now().getTime() - started).toBeGreaterThanOrEqual(7_000);
    expect(summary.status).toBe('paused');
    expect(summary.pauseReason).toMatch(/refuse la connexion.* Sésame a essayé 4 fois, à quelques secondes d’intervalle, sans succès\.$/);
    expect(summary.counts.queued).toBe(summary.total - summary.counts.skipped);
  });

  it('sends again, on a new connection, a message whose connection was cut before the server took it', async () => {
    const { api, server } = await given({ cut: (message) => (message === 3 ? 'mailFrom' : null) });
    const summary = await sendAll(api, cpA);
    expect(summary).toMatchObject({ status: 'done', pauseReason: null, counts: { sent: summary.total - summary.counts.skipped, uncertain: 0, queued: 0 } });
    for (const mail of server.received) expect(server.countFor(mail.to[0] as string)).toBe(1);
    expect(server.received).toHaveLength(summary.counts.sent);
    const sent = value(await api.mail.campaign({ campaignId: summary.id, states: ['sent'], offset: 0, limit: 100 })).recipients;
    expect(sent.filter((recipient) => recipient.attempts === 2)).toHaveLength(1);
  });

  it('never sends again a message whose connection was cut after its end of data: uncertain, and the others go on', async () => {
    const { api, server } = await given({ cut: (message) => (message === 3 ? 'endOfData' : null) });
    const summary = await sendAll(api, cpA);
    expect(summary).toMatchObject({ status: 'done', pauseReason: null, counts: { sent: summary.total - summary.counts.skipped - 1, uncertain: 1 } });
    const [uncertain] = value(await api.mail.campaign({ campaignId: summary.id, states: ['uncertain'], offset: 0, limit: 5 })).recipients;
    expect(uncertain).toMatchObject({ attempts: 1, detail: expect.stringMatching(/il est peut-être arrivé/) });
    // The server did keep it: sending it again would have delivered the credentials twice.
    expect(server.countFor(uncertain?.email as string)).toBe(1);
    for (const mail of server.received) expect(server.countFor(mail.to[0] as string)).toBe(1);
    expect(server.received).toHaveLength(summary.counts.sent + 1);
  });

  it('pauses when a second message in a row is cut after its end of data, rather than leave everyone uncertain', async () => {
    const { api, server } = await given({ cut: (message) => (message >= 3 ? 'endOfData' : null) }, { connections: 1 });
    const summary = await sendAll(api, cpA);
    expect(summary.status).toBe('paused');
    expect(summary.pauseReason).toMatch(/a été coupée\. .* 2 messages de suite sont restés sans réponse du serveur après leur envoi \(« incertains »\)\.$/);
    expect(summary.counts).toMatchObject({ sent: 2, uncertain: 2, queued: summary.total - summary.counts.skipped - 4 });
    expect(server.received).toHaveLength(4);
  });

  it('sends again a message the server turned away with 421 (not available, closing the connection)', async () => {
    let envelopes = 0;
    const { api, server } = await given({ mailFrom: () => (++envelopes === 2 ? { code: 421, message: '4.3.2 Service not available, closing transmission channel' } : null) });
    const summary = await sendAll(api, cpA);
    expect(summary).toMatchObject({ status: 'done', counts: { sent: summary.total - summary.counts.skipped, retry: 0, failed: 0 } });
    for (const mail of server.received) expect(server.countFor(mail.to[0] as string)).toBe(1);
    expect(server.received).toHaveLength(summary.counts.sent);
  });

  it('pauses once a message has been cut off four times, the untouched recipients still waiting, none as a temporary refusal', async () => {
    const { api, server, school } = await given({ cut: (message) => (message > 4 ? 'mailFrom' : null) }, { connections: 1 });
    const summary = await sendAll(api, cpA);
    expect(summary.status).toBe('paused');
    expect(summary.pauseReason).toMatch(/^La connexion avec 127\.0\.0\.1 .* a été coupée\. .* Sésame a essayé 4 fois/);
    expect(server.received).toHaveLength(4);
    expect(summary.counts).toMatchObject({ sent: 4, queued: summary.total - summary.counts.skipped - 4, retry: 0, failed: 0, uncertain: 0 });

    const journal = stmt<[], string>(school.context.db, `SELECT summary FROM journal WHERE action = 'mail.campaign.pause'`).pluck().all();
    expect(journal).toEqual([`Envoi par courriel n° 1 en pause : 4 envoyés, 0 échec, 0 incertain, ${summary.counts.queued} en attente`]);
  });

  it('pauses when the server refuses the sender address', async () => {
    const { api } = await given({ mailFrom: () => ({ code: 553, message: '5.7.1 Sender address rejected: not owned by user direction' }) });
    const summary = await sendAll(api, cpA);
    expect(summary.status).toBe('paused');
    expect(summary.pauseReason).toMatch(/^Le serveur refuse l’adresse d’expéditeur « direction@ecole\.example »/);
    expect(summary.counts.failed).toBe(0);
  });

  it('stops within one message when cancelled, and a resume sends the rest exactly once', async () => {
    let cancel = () => undefined as unknown;
    const { api, server } = await given({ onDataStart: (count) => (count === 3 ? cancel() : undefined) }, { connections: 1 });
    const campaign = value(await api.mail.createCampaign(cpA));
    cancel = () => api.system.cancel({ jobId: 'to-cancel' });
    const result = await api.mail.send({ campaignId: campaign.id, jobId: 'to-cancel' });
    expect(result.ok ? null : result.error.code).toBe('cancelled');
    const paused = value(await api.mail.campaign({ campaignId: campaign.id, offset: 0, limit: 1 })).summary;
    expect(paused.status).toBe('paused');
    expect(paused.pauseReason).toMatch(/^Envoi interrompu à votre demande/);
    expect(server.received.length).toBeLessThanOrEqual(3);
    expect(paused.counts.sent).toBe(server.received.length);

    const resumed = value(await api.mail.send({ campaignId: campaign.id, jobId: 'resume' }));
    expect(resumed.status).toBe('done');
    const addresses = server.received.map((mail) => mail.to[0]);
    expect(new Set(addresses).size).toBe(addresses.length);
    expect(addresses).toHaveLength(campaign.total - campaign.counts.skipped);
  });

  it('starts no more messages per minute than the rate limit', async () => {
    const { api, school, server, clock } = await given();
    const campaign = value(await api.mail.createCampaign(cpA));
    const starts: number[] = [];
    const settings = server.settings({ user: 'direction', ratePerMinute: 20, connections: 3 });
    await runCampaign(
      {
        db: school.context.db,
        now: clock.now,
        sleep: clock.sleep,
        actor: 'directrice',
        openSender: (smtp, password) => {
          const real = openSmtpSender(smtp, password);
          return { send: (mail, hooks) => (starts.push(clock.now().getTime()), real.send(mail, hooks)), close: () => real.close() };
        },
      },
      { campaignId: campaign.id, smtp: settings, password: 'secret', school: readSettings(school.context.db), signal: new AbortController().signal },
    );
    expect(starts).toHaveLength(campaign.total - campaign.counts.skipped);
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(3_000);
  });

  it('after a crash, resends what had not reached its end of data, never what had, until the director says so', async () => {
    const { api, school, server } = await given();
    const campaign = value(await api.mail.createCampaign(cpA));
    const queued = value(await api.mail.campaign({ campaignId: campaign.id, states: ['queued'], offset: 0, limit: 3 })).recipients;
    const [cut, alsoCut, handedOver] = queued as [CampaignRecipient, CampaignRecipient, CampaignRecipient];
    // The state a killed process leaves: two messages still being written, one whose end of data went out.
    const db = school.context.db;
    stmt(db, `UPDATE mail_recipient SET state = 'sending', attempts = 1 WHERE id IN (?, ?)`).run(cut.id, alsoCut.id);
    stmt(db, `UPDATE mail_recipient SET state = 'confirming', attempts = 1 WHERE id = ?`).run(handedOver.id);
    stmt(db, `UPDATE mail_campaign SET status = 'running', runner = ? WHERE id = ?`).run(`${hostname()}:4194399`, campaign.id);
    expect(value(await api.mail.campaigns({}))[0]?.status).toBe('interrupted');

    const resumed = value(await api.mail.send({ campaignId: campaign.id, jobId: 'resume' }));
    expect(server.countFor(cut.email as string)).toBe(1);
    expect(server.countFor(alsoCut.email as string)).toBe(1);
    expect(server.countFor(handedOver.email as string)).toBe(0);
    expect(resumed.status).toBe('done');
    expect(resumed.counts.uncertain).toBe(1);
    const uncertain = value(await api.mail.campaign({ campaignId: campaign.id, states: ['uncertain'], offset: 0, limit: 5 })).recipients;
    expect(uncertain.map((recipient) => recipient.id)).toEqual([handedOver.id]);
    expect(uncertain[0]?.detail).toMatch(/il est peut-être arrivé\. Il n’est pas renvoyé automatiquement pour ne pas l’envoyer deux fois\.$/);

    const again = value(await api.mail.send({ campaignId: campaign.id, jobId: 'again' }));
    expect(again.counts.uncertain).toBe(1);
    expect(server.countFor(handedOver.email as string)).toBe(0);

    expect(value(await api.mail.requeue({ campaignId: campaign.id, recipientIds: [handedOver.id] })).status).toBe('paused');
    const decided = value(await api.mail.send({ campaignId: campaign.id, jobId: 'decided' }));
    expect(decided).toMatchObject({ status: 'done', counts: { uncertain: 0 } });
    expect(server.countFor(handedOver.email as string)).toBe(1);
  });

  it('refuses to send a campaign another Sésame process is sending', async () => {
    const { api, school } = await given();
    const campaign = value(await api.mail.createCampaign(cpA));
    stmt(school.context.db, `UPDATE mail_campaign SET status = 'running', runner = ? WHERE id = ?`).run(`${hostname()}:${process.ppid}`, campaign.id);
    const result = await api.mail.send({ campaignId: campaign.id, jobId: 'second' });
    expect(result).toEqual({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/déjà en cours/) } });
  });

  it('journals the campaign and each message on the account', async () => {
    const { api, school } = await given();
    const summary = await sendAll(api, cpA);
    const journal = stmt<[], { action: string; account_id: number | null; summary: string }>(school.context.db, 'SELECT action, account_id, summary FROM journal ORDER BY id').all();
    expect(journal.filter((entry) => entry.action === 'mail.sent')).toHaveLength(summary.counts.sent);
    expect(journal.find((entry) => entry.action === 'mail.campaign.create')?.summary).toMatch(/^Envoi par courriel n° 1 préparé : \d+ destinataires/);
    expect(journal.at(-1)?.summary).toBe(`Envoi par courriel n° 1 terminé : ${summary.counts.sent} envoyés, 0 échec, 0 incertain`);
  });

  it('exports the result table as CSV for a spreadsheet', async () => {
    const { api } = await given();
    const summary = await sendAll(api, cpA);
    const file = value(await api.mail.exportResults({ campaignId: summary.id }));
    expect(file.name).toBe('envoi-courriel-1-2026-09-01.csv');
    const text = Buffer.from(file.base64, 'base64').toString('utf8');
    expect(text.startsWith('\uFEFFNom;Prénom;Courriel;Message;État;Détail;Essais;Envoyé le;Nouvel essai le\r\n')).toBe(true);
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(summary.total + 1);
    expect(text).toContain(';Envoyé;;1;01/09/2026 10:00;');
    expect(text).toContain(';Non envoyé;Pas d’adresse courriel : à remettre sur papier (PDF).;0;;');
  });
});

describe('the preview', () => {
  let school: TestSchool;
  beforeEach(async () => {
    school = await testSchool({ demo: true });
  });
  afterEach(() => school.cleanup());

  it('shows any selected recipient the message they would get, with texts being edited', async () => {
    const [account] = (await selected(school.api, { filter: { activated: 'no', email: 'yes', profiles: ['relative'] }, sort: ['none', 'none'] })) as [AccountListItem];
    const preview = value(await school.api.mail.preview({ accountId: account.id }));
    expect(preview).toMatchObject({ to: account.email, skipReason: null, mailCase: 'notActivated', subject: 'Vos identifiants ONE – École de démonstration' });
    expect(preview.text).toContain(`Code d’activation : ${account.activationCode}`);
    const templates = value(await school.api.mail.templates({}));
    const edited = { ...templates, notActivated: { subject: 'Bienvenue {prenom}', body: 'Votre code : {code}' } };
    const draft = value(await school.api.mail.preview({ accountId: account.id, templates: edited }));
    expect(draft.subject).toBe(`Bienvenue ${account.firstName}`);
    expect(draft.text).toBe(`Votre code : ${account.activationCode}`);
  });

  it('says why an account without an address gets none', async () => {
    const [account] = (await selected(school.api, { filter: { email: 'no' }, sort: ['none', 'none'] })) as [AccountListItem];
    const preview = value(await school.api.mail.preview({ accountId: account.id }));
    expect(preview.to).toBeNull();
    expect(preview.skipReason).toBe('Pas d’adresse courriel : à remettre sur papier (PDF).');
  });

  it('refuses a text with an unknown placeholder, in French', async () => {
    const result = await school.api.mail.updateTemplates({ activated: { subject: 'Bonjour {prenon}', body: 'x' } });
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error.message).toContain('Champ inconnu : {prenon}. Champs possibles : {prenom}, {nom}');
  });
});
