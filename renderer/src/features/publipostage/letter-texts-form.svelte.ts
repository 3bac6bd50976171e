import {
  defaultLetterTexts,
  type AccountState,
  type Audience,
  type LetterText,
  type LetterTexts,
} from '../../../../shared/domain/letters.ts';
import type { SheetsPerPage } from '../../../../shared/domain/publipostage.ts';
import { api, valueOrToast } from '../../lib/api.ts';
import { toasts } from '../../lib/components/toasts.svelte.ts';

/** The letter text being edited, with its steps as one step per line. */
export interface LetterDraft {
  subject: string;
  body: string;
  steps: string;
  closing: string;
  card: string;
}

const toDraft = (text: LetterText): LetterDraft => ({ ...text, steps: text.steps.join('\n') });
const fromDraft = (draft: LetterDraft): LetterText => ({
  ...draft,
  steps: draft.steps
    .split('\n')
    .map((step) => step.trim())
    .filter(Boolean),
});

/**
 * Paramètres › Courriers: the texts of the connection sheets, per audience and account state,
 * and the default layout. Saved through publipostage.updateSettings, which refuses an unknown
 * {champ} with a French message.
 */
export class LetterTextsForm {
  audience = $state<Audience>('parent');
  accountState = $state<AccountState>('notActivated');
  saved = $state<LetterTexts | null>(null);
  draft = $state<LetterDraft | null>(null);
  defaultLayout = $state<SheetsPerPage>(8);
  savedLayout = $state<SheetsPerPage>(8);
  saving = $state(false);

  readonly dirty: boolean = $derived(
    this.defaultLayout !== this.savedLayout ||
      (this.draft !== null &&
        this.saved !== null &&
        JSON.stringify(fromDraft(this.draft)) !== JSON.stringify(this.saved[this.audience][this.accountState])),
  );

  async load(): Promise<void> {
    const settings = valueOrToast(await api.publipostage.settings({}));
    if (!settings) return;
    this.saved = settings.texts;
    this.defaultLayout = this.savedLayout = settings.defaultLayout;
    this.#edit();
  }

  /** Shows another text; unsaved changes to the current one are dropped (the button says so). */
  choose(audience: Audience, accountState: AccountState): void {
    this.audience = audience;
    this.accountState = accountState;
    this.#edit();
  }

  restoreDefault(): void {
    this.draft = toDraft(defaultLetterTexts[this.audience][this.accountState]);
  }

  async save(): Promise<void> {
    if (!this.draft) return;
    this.saving = true;
    try {
      const settings = valueOrToast(
        await api.publipostage.updateSettings({
          texts: { [this.audience]: { [this.accountState]: fromDraft($state.snapshot(this.draft)) } },
          defaultLayout: this.defaultLayout,
        }),
      );
      if (!settings) return;
      this.saved = settings.texts;
      this.savedLayout = settings.defaultLayout;
      this.#edit();
      toasts.success('Textes des courriers enregistrés.');
    } finally {
      this.saving = false;
    }
  }

  #edit(): void {
    if (this.saved) this.draft = toDraft(this.saved[this.audience][this.accountState]);
  }
}
