import type { EventListener, JobKind, SesameEvent } from '../../shared/api/events.ts';
import { UserError } from './errors.ts';

export class EventHub {
  #listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(event: SesameEvent): void {
    for (const listener of this.#listeners) listener(event);
  }
}

export interface Job {
  readonly signal: AbortSignal;
  progress(done: number, total: number, label: string): void;
  /** Throws « cancelled » when the user asked to stop: call it between units of work. */
  checkpoint(): void;
}

/** Long jobs (import, PDF, mail): progress events, cancellation by job id. */
export class JobRegistry {
  #running = new Map<string, AbortController>();
  #events: EventHub;

  constructor(events: EventHub) {
    this.#events = events;
  }

  async run<T>(jobId: string, kind: JobKind, work: (job: Job) => Promise<T> | T): Promise<T> {
    if (this.#running.has(jobId)) throw new UserError('conflict', 'Ce travail est déjà en cours.');
    const controller = new AbortController();
    this.#running.set(jobId, controller);
    const job: Job = {
      signal: controller.signal,
      progress: (done, total, label) => this.#events.emit({ type: 'progress', jobId, kind, done, total, label }),
      checkpoint: () => {
        if (controller.signal.aborted) throw new UserError('cancelled', 'Opération annulée.');
      },
    };
    try {
      const value = await work(job);
      this.#events.emit({ type: 'job-end', jobId, kind, outcome: 'done' });
      return value;
    } catch (error) {
      const cancelled = error instanceof UserError && error.code === 'cancelled';
      this.#events.emit({ type: 'job-end', jobId, kind, outcome: cancelled ? 'cancelled' : 'failed' });
      throw error;
    } finally {
      this.#running.delete(jobId);
    }
  }

  /** How many jobs are under way (a restore waits for none). */
  get running(): number {
    return this.#running.size;
  }

  cancel(jobId: string): boolean {
    const controller = this.#running.get(jobId);
    controller?.abort();
    return controller !== undefined;
  }
}
