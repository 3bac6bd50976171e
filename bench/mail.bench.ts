import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { realSleep } from '../electron/api/context.ts';
import { openSchoolFile } from '../electron/core/db/open.ts';
import { generateSchool } from '../electron/core/directory/demo-school.ts';
import { readSettings } from '../electron/core/directory/settings.ts';
import { createCampaign, selectedAccounts } from '../electron/core/publipostage/mail/campaign.ts';
import { runCampaign } from '../electron/core/publipostage/mail/campaign-runner.ts';
import { defaultMailTemplates, defaultSmtpSettings } from '../shared/domain/mail.ts';
import { peakMemoryMb, report, scratchDir, timed } from './measure.ts';

/** 1,000 personal messages through the pooled SMTP transport to a local server: messages per second. */
const messages = 1_000;
const scratch = scratchDir('mail');
const db = await openSchoolFile(join(scratch.dir, 'ecole.db'));
generateSchool(db, new Date(), 6);
const selection = { filter: { email: 'yes' as const }, sort: ['class', 'profile'] as ['class', 'profile'] };
const accounts = selectedAccounts(db, selection).slice(0, messages);
if (accounts.length < messages) throw new Error(`only ${accounts.length} accounts with an address`);
const school = readSettings(db);

async function startSink(delayMs: number): Promise<{ sink: ChildProcess; port: number }> {
  const sink = fork(join(import.meta.dirname, 'smtp-sink.ts'), { env: { ...process.env, SINK_DELAY_MS: String(delayMs) } });
  const [message] = (await once(sink, 'message')) as [{ port: number }];
  return { sink, port: message.port };
}

async function received(sink: ChildProcess): Promise<number> {
  sink.send('count');
  const [message] = (await once(sink, 'message')) as [{ received: number }];
  return message.received;
}

for (const delayMs of [0, 20]) {
  const { sink, port } = await startSink(delayMs);
  for (const connections of delayMs === 0 ? [1, 3, 5] : [1, 5]) {
    const before = await received(sink);
    const campaignId = createCampaign(db, selection, accounts, defaultMailTemplates, new Date(), 'bench');
    const smtp = {
      ...defaultSmtpSettings,
      host: '127.0.0.1',
      port,
      security: 'none' as const,
      senderAddress: 'direction@ecole.example',
      // No rate limit here: the bench measures the transport and the bookkeeping, not the throttle.
      ratePerMinute: Number.MAX_SAFE_INTEGER,
      connections,
    };
    const { ms, value: summary } = await timed(() =>
      runCampaign(
        { db, now: () => new Date(), sleep: realSleep, actor: 'bench' },
        { campaignId, smtp, password: null, school, signal: new AbortController().signal },
      ),
    );
    const delivered = (await received(sink)) - before;
    if (summary.counts.sent !== messages || delivered !== messages) {
      throw new Error(`sent ${summary.counts.sent}, delivered ${delivered}, expected ${messages}`);
    }
    const label = `${messages} courriels, ${connections} connexion${connections > 1 ? 's' : ''}, réponse du serveur en ${delayMs} ms`;
    report(label, messages / (ms / 1000), 'msg/s');
  }
  sink.send('stop');
  await once(sink, 'exit');
}
report('mémoire maximale', peakMemoryMb(), 'MB');
db.close();
scratch.cleanup();
