import type { CampaignRecipient, CampaignSummary, RecipientState } from '../../../../shared/domain/mail.ts';
import { api, valueOrToast } from '../../lib/api.ts';

const pageSize = 200;

/** The groups of the result table's filter, in the order the director reads them. */
export const resultGroups: { label: string; states: RecipientState[] }[] = [
  { label: 'Tous', states: [] },
  { label: 'Envoyés', states: ['sent'] },
  // Never tried yet, apart from those the server turned away for now: a pause leaves many waiting, none refused.
  { label: 'En attente', states: ['queued', 'sending', 'confirming'] },
  { label: 'Refus temporaires', states: ['retry'] },
  { label: 'Échecs', states: ['failed'] },
  { label: 'Incertains', states: ['uncertain'] },
  { label: 'Non envoyés (sans adresse)', states: ['skipped'] },
];

/** One campaign's recipients, filtered by state, a page at a time; uncertain and failed ones can be sent again. */
export class CampaignResultsState {
  group = $state(0);
  rows = $state<CampaignRecipient[]>([]);
  matching = $state(0);
  chosen = $state<number[]>([]);
  #campaignId = 0;

  async load(campaignId: number): Promise<void> {
    this.#campaignId = campaignId;
    const page = valueOrToast(await api.mail.campaign({ campaignId, states: this.#states(), offset: 0, limit: pageSize }));
    if (!page || campaignId !== this.#campaignId) return;
    this.rows = page.recipients;
    this.matching = page.matching;
    this.chosen = this.chosen.filter((id) => page.recipients.some((row) => row.id === id && resendable(row)));
  }

  async more(): Promise<void> {
    const page = valueOrToast(
      await api.mail.campaign({ campaignId: this.#campaignId, states: this.#states(), offset: this.rows.length, limit: pageSize }),
    );
    if (page) this.rows = [...this.rows, ...page.recipients];
  }

  choose(group: number): void {
    this.group = group;
    void this.load(this.#campaignId);
  }

  /** Puts the chosen uncertain or failed recipients back in the queue: the next send includes them. */
  async requeue(): Promise<CampaignSummary | null> {
    if (this.chosen.length === 0) return null;
    const summary = valueOrToast(await api.mail.requeue({ campaignId: this.#campaignId, recipientIds: [...this.chosen] }));
    this.chosen = [];
    await this.load(this.#campaignId);
    return summary;
  }

  #states(): RecipientState[] | undefined {
    const states = resultGroups[this.group]?.states ?? [];
    return states.length ? states : undefined;
  }
}

export function resendable(row: CampaignRecipient): boolean {
  return row.state === 'uncertain' || row.state === 'failed';
}
