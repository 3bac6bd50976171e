import type { CampaignRecipient, MailPreview, MailSettingsView } from '../../../../shared/domain/mail.ts';
import { api, valueOrToast } from '../../lib/api.ts';
import { CoreJob } from '../../lib/core-job.svelte.ts';
import { toasts } from '../../lib/components/toasts.svelte.ts';

/**
 * « Fiche de connexion individuelle mail »: the preview of that one message, then a campaign of
 * one sent like any other (mail.createIndividual, mail.send), so the same exactly-once rules,
 * result and journal apply. The outcome is the campaign's single recipient.
 */
export class IndividualMailState {
  preview = $state<MailPreview | null>(null);
  server = $state<MailSettingsView | null>(null);
  password = $state('');
  outcome = $state<CampaignRecipient | null>(null);
  readonly job = new CoreJob();

  readonly serverReady: boolean = $derived(this.server !== null && this.server.smtp.host !== '' && this.server.smtp.senderAddress !== '');
  readonly needsPassword: boolean = $derived(this.server !== null && this.server.smtp.user !== '' && this.server.password === 'none');
  readonly canSend: boolean = $derived(
    this.preview !== null && this.preview.skipReason === null && this.serverReady && !this.job.running && (!this.needsPassword || this.password !== ''),
  );

  async load(accountId: number): Promise<void> {
    this.outcome = null;
    const [preview, server] = await Promise.all([api.mail.preview({ accountId }), api.mail.settings({})]);
    this.preview = valueOrToast(preview);
    this.server = valueOrToast(server);
  }

  /** Sends once; answers true when the server accepted the message. */
  async send(accountId: number): Promise<boolean> {
    const campaign = valueOrToast(await api.mail.createIndividual({ accountId }));
    if (!campaign) return false;
    try {
      await this.job.run({ done: 0, total: 1, label: 'Connexion au serveur de messagerie' }, async (jobId) => {
        const sent = await api.mail.send({ campaignId: campaign.id, jobId, ...(this.password ? { password: this.password } : {}) });
        if (!sent.ok && sent.error.code !== 'cancelled') toasts.error(sent.error.message);
      });
    } finally {
      this.password = '';
    }
    const page = valueOrToast(await api.mail.campaign({ campaignId: campaign.id, offset: 0, limit: 1 }));
    this.outcome = page?.recipients[0] ?? null;
    return this.outcome?.state === 'sent';
  }
}
