import { api, onEvent } from '../../lib/api.ts';

/** How many things are still to do in the ENT, for the navigation; kept current by data-changed events. */
class OpenEntTodos {
  count = $state(0);

  async #load(): Promise<void> {
    const page = await api.entTodo.list({ state: 'open', offset: 0, limit: 1 });
    if (page.ok) this.count = page.value.open;
  }

  /** Starts counting; returns the unsubscribe function. */
  start(): () => void {
    void this.#load();
    return onEvent((event) => {
      if (event.type === 'data-changed') void this.#load();
    });
  }
}

export const openEntTodos = new OpenEntTodos();
