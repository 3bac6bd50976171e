import type { Sleep } from '../core/publipostage/mail/campaign-runner.ts';
import { testNow } from './school.ts';

/** A clock whose sleeps return at once and move time on: retries and rate limits without waiting. */
export function fakeClock(start: Date = testNow): { now: () => Date; sleep: Sleep; advance(ms: number): void } {
  let time = start.getTime();
  return {
    now: () => new Date(time),
    sleep: async (ms) => {
      time += ms;
      // Let sockets and timers run, as a real wait would.
      await new Promise((resolve) => setImmediate(resolve));
    },
    advance(ms) {
      time += ms;
    },
  };
}
