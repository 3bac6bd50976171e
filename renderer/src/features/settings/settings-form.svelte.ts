import type { SchoolSettings } from '../../../../shared/domain/settings.ts';
import { api } from '../../lib/api.ts';
import { toasts } from '../../lib/components/toasts.svelte.ts';

/** The largest logo accepted, before base64 (the core refuses beyond ~512 Ko). */
export const maxLogoBytes = 500 * 1024;

/** The school's identity form: a draft of the settings, saved as the changed fields only. */
export class SchoolSettingsForm {
  saved = $state<SchoolSettings | null>(null);
  draft = $state<SchoolSettings | null>(null);
  error = $state<string | null>(null);
  saving = $state(false);

  load(settings: SchoolSettings): void {
    this.saved = settings;
    this.draft = { ...settings };
    this.error = null;
  }

  get changes(): Partial<SchoolSettings> {
    if (!this.saved || !this.draft) return {};
    const saved = this.saved;
    return Object.fromEntries(Object.entries(this.draft).filter(([key, value]) => saved[key as keyof SchoolSettings] !== value));
  }

  get dirty(): boolean {
    return Object.keys(this.changes).length > 0;
  }

  reset(): void {
    if (this.saved) this.load(this.saved);
  }

  async save(): Promise<void> {
    if (!this.dirty) return;
    this.saving = true;
    try {
      const result = await api.school.updateSettings(this.changes);
      if (result.ok) {
        this.load(result.value);
        toasts.success('Paramètres enregistrés.');
      } else {
        this.error = result.error.message;
      }
    } finally {
      this.saving = false;
    }
  }

  /** Reads a chosen image into the draft; a wrong type or size is said, not sent. */
  async chooseLogo(file: File): Promise<void> {
    if (!this.draft) return;
    if (file.type !== 'image/png' && file.type !== 'image/jpeg') {
      this.error = 'Le logo doit être une image PNG ou JPEG.';
      return;
    }
    if (file.size > maxLogoBytes) {
      this.error = 'Le logo est trop lourd : choisissez une image de moins de 500 Ko.';
      return;
    }
    this.error = null;
    this.draft.logo = await new Promise<string>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.onerror = () => reject(reader.error ?? new Error('lecture impossible'));
      reader.readAsDataURL(file);
    });
  }
}
