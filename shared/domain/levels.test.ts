import { describe, expect, it } from 'vitest';
import { levelLabel } from './levels.ts';

describe('levels as people say them', () => {
  it.each([
    ['6EME', '6e'],
    ['3eme', '3e'],
    ['2NDE', '2de'],
    ['1ERE', '1re'],
    ['TLE', 'Tle'],
    ['CP', 'CP'],
    ['CE2', 'CE2'],
    ['BTS1', 'BTS1'],
  ])('%s → %s', (code, label) => {
    expect(levelLabel(code)).toBe(label);
  });
});
