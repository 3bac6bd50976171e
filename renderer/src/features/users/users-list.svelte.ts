import { SvelteMap } from 'svelte/reactivity';
import type { AccountListItem } from '../../../../shared/domain/account.ts';
import type { AccountFilter, AccountSort } from '../../../../shared/domain/selection.ts';
import { api, valueOrToast } from '../../lib/api.ts';

const pageSize = 100;

/**
 * The Utilisateurs list: the filter, the counts, and the rows fetched page by page as the
 * virtual table scrolls, so 20,000 accounts never cross the transport at once.
 */
export class UsersListState {
  filter = $state<AccountFilter>({});
  sort = $state<AccountSort>(['none', 'none']);
  total = $state(0);
  withoutEmail = $state(0);
  notInEnt = $state(0);
  loading = $state(true);
  #pages = new SvelteMap<number, AccountListItem[]>();
  // Bookkeeping only, deliberately not reactive.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #pending = new Set<number>();
  #generation = 0;

  rowAt(index: number): AccountListItem | undefined {
    return this.#pages.get(Math.floor(index / pageSize))?.[index % pageSize];
  }

  /** Starts again from the first page: after a filter change or a data-changed event. */
  async reload(): Promise<void> {
    this.#generation++;
    this.#pending.clear();
    this.#pages.clear();
    this.loading = true;
    await this.#fetchPage(0);
    this.loading = false;
  }

  ensureRange(first: number, last: number): void {
    const lastPage = Math.floor(Math.min(last, Math.max(this.total - 1, 0)) / pageSize);
    for (let page = Math.floor(first / pageSize); page <= lastPage; page++) {
      if (!this.#pages.has(page) && !this.#pending.has(page)) void this.#fetchPage(page);
    }
  }

  async #fetchPage(page: number): Promise<void> {
    const generation = this.#generation;
    this.#pending.add(page);
    const result = await api.directory.list({
      filter: $state.snapshot(this.filter),
      sort: $state.snapshot(this.sort),
      offset: page * pageSize,
      limit: pageSize,
    });
    this.#pending.delete(page);
    if (generation !== this.#generation) return;
    const value = valueOrToast(result);
    if (!value) return;
    this.total = value.total;
    this.withoutEmail = value.withoutEmail;
    this.notInEnt = value.notInEnt;
    this.#pages.set(page, value.items);
  }
}
