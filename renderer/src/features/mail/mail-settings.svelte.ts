import {
  defaultMailTemplates,
  defaultPortOf,
  type MailCase,
  type MailSettingsView,
  type MailTemplates,
  type MailTestResult,
  type SmtpSecurity,
  type SmtpSettings,
} from '../../../../shared/domain/mail.ts';
import { api, valueOrToast } from '../../lib/api.ts';
import { toasts } from '../../lib/components/toasts.svelte.ts';

/** Paramètres → Messagerie: the mail server, the sender, the pace, and the password kept apart. */
export class MailServerForm {
  view = $state<MailSettingsView | null>(null);
  draft = $state<SmtpSettings | null>(null);
  /** Typed here, sent with « Enregistrer »; never read back from the core. */
  password = $state('');
  testTo = $state('');
  busy = $state<'saving' | 'testing' | null>(null);
  testResult = $state<MailTestResult | null>(null);

  readonly dirty: boolean = $derived(
    this.password !== '' || (this.draft !== null && this.view !== null && JSON.stringify(this.draft) !== JSON.stringify(this.view.smtp)),
  );

  async load(): Promise<void> {
    const view = valueOrToast(await api.mail.settings({}));
    if (!view) return;
    this.view = view;
    this.draft = { ...view.smtp };
  }

  /** A port left at the previous security's usual value follows the new one. */
  chooseSecurity(security: SmtpSecurity): void {
    if (!this.draft) return;
    if (this.draft.port === defaultPortOf[this.draft.security]) this.draft.port = defaultPortOf[security];
    this.draft.security = security;
  }

  async save(quiet = false): Promise<boolean> {
    if (!this.draft || !this.view) return false;
    this.busy = 'saving';
    try {
      const view = valueOrToast(await api.mail.updateSettings({ smtp: $state.snapshot(this.draft), ...(this.password ? { password: this.password } : {}) }));
      if (!view) return false;
      this.view = view;
      this.draft = { ...view.smtp };
      this.password = '';
      if (!quiet) toasts.success('Paramètres de messagerie enregistrés.');
      return true;
    } finally {
      this.busy = null;
    }
  }

  async forgetPassword(): Promise<void> {
    const view = valueOrToast(await api.mail.updateSettings({ password: null }));
    if (view) this.view = view;
  }

  /** Saves what was typed, then sends the test message with it. */
  async test(): Promise<void> {
    if (this.dirty && !(await this.save(true))) return;
    this.busy = 'testing';
    this.testResult = null;
    try {
      this.testResult = valueOrToast(await api.mail.test(this.testTo.trim() ? { to: this.testTo.trim() } : {}));
    } finally {
      this.busy = null;
    }
  }
}

/** Paramètres → Messagerie → textes: subject and body per case, with the letters' placeholders. */
export class MailTemplatesForm {
  saved = $state<MailTemplates | null>(null);
  draft = $state<MailTemplates | null>(null);
  mailCase = $state<MailCase>('notActivated');
  saving = $state(false);

  readonly dirty: boolean = $derived(this.draft !== null && JSON.stringify(this.draft) !== JSON.stringify(this.saved));

  async load(): Promise<void> {
    const templates = valueOrToast(await api.mail.templates({}));
    if (!templates) return;
    this.saved = templates;
    this.draft = structuredClone(templates);
  }

  restoreDefault(): void {
    if (this.draft) this.draft[this.mailCase] = { ...defaultMailTemplates[this.mailCase] };
  }

  async save(): Promise<void> {
    if (!this.draft) return;
    this.saving = true;
    try {
      const templates = valueOrToast(await api.mail.updateTemplates($state.snapshot(this.draft)));
      if (!templates) return;
      this.saved = templates;
      this.draft = structuredClone(templates);
      toasts.success('Textes des courriels enregistrés.');
    } finally {
      this.saving = false;
    }
  }
}
