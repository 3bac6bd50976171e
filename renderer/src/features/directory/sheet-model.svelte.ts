import type { AccountSheet } from '../../../../shared/domain/account-sheet.ts';
import type { EntTodo } from '../../../../shared/domain/ent-todo.ts';
import type { JournalPage } from '../../../../shared/domain/journal.ts';
import type { Result } from '../../../../shared/api/result.ts';
import { api } from '../../lib/api.ts';
import { toasts } from '../../lib/components/toasts.svelte.ts';

/** One user sheet: the account, its recent journal, and what is still to do in the ENT for it. */
export class SheetModel {
  sheet = $state<AccountSheet | null>(null);
  /** The French message when the account cannot be shown (purged, merged). */
  missing = $state<string | null>(null);
  journal = $state<JournalPage | null>(null);
  /** Open « à faire dans l'ENT » items of this account. */
  entTodos = $state<EntTodo[]>([]);
  busy = $state(false);
  /** A pre-deleted account is read-only until restored; any account while an action runs. */
  readonly locked: boolean = $derived(this.busy || (this.sheet !== null && this.sheet.preDeletedAt !== null));
  #id = 0;

  async load(id: number): Promise<void> {
    this.#id = id;
    const [sheet, journal, entTodos] = await Promise.all([
      api.directory.get({ id }),
      api.directory.journal({ accountId: id, offset: 0, limit: 10 }),
      api.entTodo.list({ state: 'open', accountId: id, offset: 0, limit: 50 }),
    ]);
    if (id !== this.#id) return;
    this.sheet = sheet.ok ? sheet.value : null;
    this.missing = sheet.ok ? null : sheet.error.message;
    this.journal = journal.ok ? journal.value : null;
    this.entTodos = entTodos.ok ? entTodos.value.items : [];
  }

  /** Runs one action of the sheet; tells the user if it was refused; reloads on success. */
  async run<T>(action: () => Promise<Result<T>>, success?: (value: T) => string | null): Promise<T | null> {
    this.busy = true;
    try {
      const result = await action();
      if (!result.ok) {
        toasts.error(result.error.message);
        return null;
      }
      const message = success?.(result.value);
      if (message) toasts.success(message);
      await this.load(this.#id);
      return result.value;
    } finally {
      this.busy = false;
    }
  }
}
