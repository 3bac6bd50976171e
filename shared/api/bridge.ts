import type { SesameEvent } from './events.ts';
import type { Result } from './result.ts';

/** The only thing the Electron preload exposes to the page: `window.sesame`. */
export interface SesameBridge {
  call(method: string, arg: unknown): Promise<Result<unknown>>;
  subscribe(listener: (event: SesameEvent) => void): () => void;
}
