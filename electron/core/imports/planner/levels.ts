import type { World } from './world.ts';

// School order, so that a multi-level class reads « CE2,CM1 » and not « CM1,CE2 ».
const schoolOrder = ['TPS', 'PS', 'MS', 'GS', 'CP', 'CE1', 'CE2', 'CM1', 'CM2', '6EME', '5EME', '4EME', '3EME', '2NDE', '1ERE', 'TLE'];

function levelRank(level: string): number {
  const index = schoolOrder.indexOf(level.toUpperCase());
  return index === -1 ? schoolOrder.length : index;
}

/** A class's level is the set of levels its pupils were met with in this import. */
export function settleClassLevels(world: World): void {
  for (const schoolClass of world.classes) {
    if (schoolClass.levels.size === 0) continue;
    const level = [...schoolClass.levels].sort((a, b) => levelRank(a) - levelRank(b) || a.localeCompare(b, 'fr')).join(',');
    schoolClass.values.level = level;
  }
}
