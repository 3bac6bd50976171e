import type { EntTodo, EntTodoKind, EntTodoPage, EntTodoState } from '../../../../shared/domain/ent-todo.ts';
import { api, valueOrToast } from '../../lib/api.ts';

const pageSize = 200;

/** « À faire dans l'ENT »: the list with its filters and the items ticked for « Fait dans l'ENT ». */
export class EntTodoList {
  state = $state<EntTodoState>('open');
  kind = $state<EntTodoKind | ''>('');
  page = $state<EntTodoPage | null>(null);
  ticked = $state<number[]>([]);
  busy = $state(false);

  readonly items: EntTodo[] = $derived(this.page?.items ?? []);
  readonly openItems: EntTodo[] = $derived(this.items.filter((item) => item.closedAt === null));
  readonly guestsToCreate: number = $derived(this.openItems.filter((item) => item.kind === 'createGuest').length);

  async load(): Promise<void> {
    const page = valueOrToast(await api.entTodo.list({ state: this.state, ...(this.kind ? { kinds: [this.kind] } : {}), offset: 0, limit: pageSize }));
    if (!page) return;
    this.page = page;
    const open = page.items.filter((item) => item.closedAt === null).map((item) => item.id);
    this.ticked = this.ticked.filter((id) => open.includes(id));
  }

  toggle(id: number, on: boolean): void {
    const others = this.ticked.filter((each) => each !== id);
    this.ticked = on ? [...others, id] : others;
  }

  toggleAll(on: boolean): void {
    this.ticked = on ? this.openItems.map((item) => item.id) : [];
  }

  /** « Fait dans l'ENT » for `ids`; answers how many it closed. */
  async markDone(ids: number[]): Promise<number> {
    if (ids.length === 0) return 0;
    this.busy = true;
    try {
      const done = valueOrToast(await api.entTodo.markDone({ ids }));
      this.ticked = this.ticked.filter((id) => !ids.includes(id));
      await this.load();
      return done?.closed ?? 0;
    } finally {
      this.busy = false;
    }
  }

  async reopen(id: number): Promise<void> {
    this.busy = true;
    try {
      valueOrToast(await api.entTodo.reopen({ id }));
      await this.load();
    } finally {
      this.busy = false;
    }
  }
}
