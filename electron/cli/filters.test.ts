import { describe, expect, it } from 'vitest';
import { filterFromOptions } from './filters.ts';
import { UsageError } from './usage.ts';

describe('--source', () => {
  it.each([
    ['ENT', ['ENT']],
    ['onde', ['ONDE']],
    ['Siecle, sts', ['SIECLE', 'STS']],
    ['manuel,DEMO,csv', ['MANUEL', 'DEMO', 'CSV']],
  ])('%j selects the accounts from %j, whatever the case', (typed, sources) => {
    expect(filterFromOptions({ source: typed })).toEqual({ sources });
  });

  it.each(['ONDE,base-eleves', 'AAF', 'é'])('refuses %j as a usage error listing the valid sources', (typed) => {
    expect(() => filterFromOptions({ source: typed })).toThrow(UsageError);
    expect(() => filterFromOptions({ source: typed })).toThrow(/^Source inconnue : .+ \(attendu : ENT, SIECLE, ONDE, STS, MANUEL, DEMO, CSV\)\.$/);
  });

  it('is no filter when absent', () => {
    expect(filterFromOptions({})).toEqual({});
  });
});
