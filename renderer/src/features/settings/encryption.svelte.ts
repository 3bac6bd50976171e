import type { EncryptionOutcome, EncryptionStatus } from '../../../../shared/api/areas/encryption.ts';
import type { Result } from '../../../../shared/api/result.ts';
import { api, onEvent, valueOrToast } from '../../lib/api.ts';

/**
 * The school file's encryption at rest, shared by Paramètres › Chiffrement and the banners:
 * one status read from the core, refreshed after each change and when the school file changes.
 */
class EncryptionState {
  status = $state<EncryptionStatus | null>(null);
  /** The last change's French outcome (where a plain copy may remain): kept on screen, not a toast. */
  notice = $state<string | null>(null);
  busy = $state(false);

  /** Encrypted, and no recovery sheet made for its key yet. */
  get sheetPending(): boolean {
    return this.status?.sheetPending === true;
  }

  /** Plain, and this computer could keep a key: encrypting is offered. */
  get canEncrypt(): boolean {
    return this.status !== null && !this.status.encrypted && this.status.canMakeKeys;
  }

  async refresh(): Promise<void> {
    this.status = valueOrToast(await api.encryption.status({})) ?? this.status;
  }

  start(): () => void {
    void this.refresh();
    return onEvent((event) => {
      if (event.type === 'data-changed' && event.area === 'school') void this.refresh();
    });
  }

  encrypt(): Promise<boolean> {
    return this.#change(() => api.encryption.encrypt({}));
  }

  changeKey(): Promise<boolean> {
    return this.#change(() => api.encryption.changeKey({}));
  }

  plainBackups(action: 'encrypt' | 'delete'): Promise<boolean> {
    return this.#change(() => api.encryption.plainBackups({ action }));
  }

  /** The recovery sheet of the current key (the core records it as made). */
  async recoverySheet(): Promise<string | null> {
    const sheet = valueOrToast(await api.encryption.recoverySheet({ confirm: true }));
    await this.refresh();
    return sheet?.documentId ?? null;
  }

  async #change(run: () => Promise<Result<EncryptionOutcome>>): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    try {
      const outcome = valueOrToast(await run());
      if (!outcome) return false;
      this.status = outcome.status;
      this.notice = outcome.notice;
      return true;
    } finally {
      this.busy = false;
    }
  }
}

export const encryption = new EncryptionState();
