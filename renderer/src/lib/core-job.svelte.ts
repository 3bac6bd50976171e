import { api, onEvent } from './api.ts';

export interface JobProgress {
  done: number;
  total: number;
  label: string;
}

/**
 * A long task of the core (analysis, import, export, PDF, mail campaign) run from a screen: the
 * job id it is sent with, the progress events the core reports under that id, and its cancellation.
 */
export class CoreJob {
  progress = $state<JobProgress | null>(null);
  #id: string | null = null;

  get running(): boolean {
    return this.progress !== null;
  }

  /** Shows the progress events of the running job; returns the unsubscribe function. */
  follow(): () => void {
    return onEvent((event) => {
      if (event.type === 'progress' && event.jobId === this.#id) this.progress = { done: event.done, total: event.total, label: event.label };
    });
  }

  /** Runs `work` under a new job id, showing `first` until the core reports its own progress. */
  async run<T>(first: JobProgress, work: (jobId: string) => Promise<T>): Promise<T> {
    const id = crypto.randomUUID();
    this.#id = id;
    this.progress = first;
    try {
      return await work(id);
    } finally {
      this.progress = null;
      this.#id = null;
    }
  }

  async cancel(): Promise<void> {
    if (this.#id) await api.system.cancel({ jobId: this.#id });
  }
}
