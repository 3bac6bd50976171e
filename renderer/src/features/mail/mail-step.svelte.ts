import type { AccountListItem } from '../../../../shared/domain/account.ts';
import type { CampaignSummary, MailPlan, MailPreview, MailSettingsView } from '../../../../shared/domain/mail.ts';
import type { Selection } from '../../../../shared/domain/selection.ts';
import { plural } from '../../../../shared/domain/wording.ts';
import { api, valueOrToast } from '../../lib/api.ts';
import { CoreJob } from '../../lib/core-job.svelte.ts';
import { toasts } from '../../lib/components/toasts.svelte.ts';
import { chooseSaveTarget } from '../exports/save-files.ts';

/** Accounts offered in the preview's chooser: enough to look through, not the whole school. */
const previewChoices = 500;

/**
 * Publipostage → Courriel: the counts to confirm, a preview for any recipient, the campaign
 * with its progress, and its result per recipient. A paused or interrupted campaign is
 * offered again, so a crash or a closed laptop only delays the sending.
 */
export class MailStepState {
  plan = $state<MailPlan | null>(null);
  server = $state<MailSettingsView | null>(null);
  recipients = $state<AccountListItem[]>([]);
  previewIndex = $state(0);
  preview = $state<MailPreview | null>(null);
  confirmOpen = $state(false);
  password = $state('');
  campaign = $state<CampaignSummary | null>(null);
  readonly job = new CoreJob();
  unfinished = $state<CampaignSummary[]>([]);
  pdfBusy = $state(false);
  #generation = 0;
  #selection: Selection | null = null;

  readonly needsPassword: boolean = $derived(this.server !== null && this.server.smtp.user !== '' && this.server.password === 'none');
  readonly serverReady: boolean = $derived(this.server !== null && this.server.smtp.host !== '' && this.server.smtp.senderAddress !== '');
  readonly sending: boolean = $derived(this.job.running);

  /** Minutes the campaign will take at the configured pace. */
  readonly minutes: number = $derived(this.plan && this.server ? Math.ceil(this.plan.withAddress / this.server.smtp.ratePerMinute) : 0);

  async loadServer(): Promise<void> {
    this.server = valueOrToast(await api.mail.settings({})) ?? this.server;
  }

  async loadUnfinished(): Promise<void> {
    const campaigns = valueOrToast(await api.mail.campaigns({})) ?? [];
    this.unfinished = campaigns.filter((campaign) => campaign.status === 'paused' || campaign.status === 'interrupted');
  }

  /** Counts and preview choices for the selection; a late answer to an older selection is dropped. */
  async refresh(selection: Selection): Promise<void> {
    const generation = ++this.#generation;
    this.#selection = selection;
    const [plan, page] = await Promise.all([
      api.mail.plan(selection),
      // Only those who will get a mail: an account not in the ENT, blocked or pre-deleted gets none.
      api.directory.list({
        filter: { ...selection.filter, email: 'yes', entStatus: 'known', blocked: 'no', preDeleted: 'no' },
        sort: selection.sort,
        offset: 0,
        limit: previewChoices,
      }),
    ]);
    if (generation !== this.#generation) return;
    this.plan = valueOrToast(plan);
    this.recipients = valueOrToast(page)?.items ?? [];
    await this.showPreview(0);
  }

  async showPreview(index: number): Promise<void> {
    const account = this.recipients[index];
    this.previewIndex = index;
    if (!account) {
      this.preview = null;
      return;
    }
    const preview = valueOrToast(await api.mail.preview({ accountId: account.id }));
    if (this.recipients[this.previewIndex]?.id === account.id) this.preview = preview;
  }

  async start(selection: Selection): Promise<void> {
    this.confirmOpen = false;
    const campaign = valueOrToast(await api.mail.createCampaign(selection));
    if (!campaign) return;
    this.campaign = campaign;
    await this.run(campaign.id);
  }

  /** Sends (or resumes) a campaign; answers once it is done, paused or cancelled. */
  async run(campaignId: number): Promise<void> {
    if (this.sending) return;
    this.confirmOpen = false;
    try {
      await this.job.run({ done: 0, total: 0, label: 'Connexion au serveur de messagerie' }, async (jobId) => {
        const result = await api.mail.send({ campaignId, jobId, ...(this.password ? { password: this.password } : {}) });
        const summary = result.ok ? result.value : valueOrToast(await api.mail.campaign({ campaignId, offset: 0, limit: 1 }))?.summary;
        if (!result.ok && result.error.code !== 'cancelled') toasts.error(result.error.message);
        if (summary) {
          this.campaign = summary;
          this.#announce(summary);
        }
      });
    } finally {
      this.password = '';
      void this.loadUnfinished();
      void this.loadServer();
      // « Already received a mail » changes with every send.
      if (this.#selection) void this.refresh(this.#selection);
    }
  }

  #announce(summary: CampaignSummary): void {
    if (summary.status === 'done') toasts.success(`Envoi terminé : ${plural(summary.counts.sent, 'courriel envoyé', 'courriels envoyés')}.`);
    else if (summary.pauseReason) toasts.info(summary.pauseReason);
  }

  async open(campaignId: number): Promise<void> {
    this.campaign = valueOrToast(await api.mail.campaign({ campaignId, offset: 0, limit: 1 }))?.summary ?? this.campaign;
  }

  async exportResults(): Promise<void> {
    if (!this.campaign) return;
    const file = valueOrToast(await api.mail.exportResults({ campaignId: this.campaign.id }));
    if (!file) return;
    const target = await chooseSaveTarget([file.name], file.name);
    if (!target) return;
    await target.write([{ name: file.name, size: 0, rows: file.rows, path: null, base64: file.base64, mimeType: 'text/csv' }]);
    toasts.success(`Tableau ${target.verb} : ${file.name}.`);
  }

  /** « Générer le PDF pour ces M comptes », in the school's default layout. */
  async pdfFor(accountIds: number[]): Promise<void> {
    if (accountIds.length === 0 || this.pdfBusy) return;
    this.pdfBusy = true;
    try {
      const settings = valueOrToast(await api.publipostage.settings({}));
      if (!settings) return;
      const generated = valueOrToast(
        await api.publipostage.generate({
          jobId: crypto.randomUUID(),
          target: { kind: 'accounts', accountIds },
          options: { layout: settings.defaultLayout, coverPages: false, handOutList: false },
          outPath: null,
          keep: true,
        }),
      );
      if (!generated?.documentId) return;
      const pdf = valueOrToast(await api.publipostage.document({ documentId: generated.documentId }));
      void api.publipostage.discardDocument({ documentId: generated.documentId });
      if (!pdf) return;
      const target = await chooseSaveTarget([pdf.fileName], pdf.fileName);
      if (!target) return;
      await target.write([{ name: pdf.fileName, size: 0, rows: generated.sheets, path: null, base64: pdf.base64, mimeType: 'application/pdf' }]);
      toasts.success(`PDF ${target.verb} : ${plural(generated.sheets, 'fiche')} à remettre sur papier.`);
    } finally {
      this.pdfBusy = false;
    }
  }
}
