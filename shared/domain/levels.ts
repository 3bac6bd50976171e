/**
 * Levels as people say them. The registries write codes (SIECLE's MEF labels « 6EME »,
 * « 2NDE », « 1ERE », « TLE »); schools write « 6e », « 2de », « 1re », « Tle ». The stored
 * value stays the registry's, so that the next import matches it.
 */
const spoken: Record<string, string> = {
  '6EME': '6e',
  '5EME': '5e',
  '4EME': '4e',
  '3EME': '3e',
  '2NDE': '2de',
  '1ERE': '1re',
  TLE: 'Tle',
  TERM: 'Tle',
};

export function levelLabel(level: string): string {
  return spoken[level.trim().toUpperCase()] ?? level;
}
