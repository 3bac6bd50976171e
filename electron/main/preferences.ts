import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from '../../shared/domain/zod.ts';
import type { WindowBounds } from './security.ts';

/** What the app remembers between runs, beside the school files (userData/preferences.json). */
const preferencesSchema = z.object({
  window: z
    .object({ x: z.number().int(), y: z.number().int(), width: z.number().int().min(1), height: z.number().int().min(1), maximized: z.boolean() })
    .nullable()
    .catch(null),
  /** Most recent first; the first is reopened at the next start. */
  recentFiles: z.array(z.string().min(1)).catch([]),
});
export type Preferences = z.infer<typeof preferencesSchema>;
export type SavedWindow = NonNullable<Preferences['window']>;

export const maxRecentFiles = 8;

/** A missing or garbled file gives the defaults: preferences are never worth a failed start. */
export function loadPreferences(file: string): Preferences {
  let raw: unknown = {};
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    // first run, or a file someone edited badly
  }
  const parsed = preferencesSchema.safeParse(raw);
  return parsed.success ? parsed.data : { window: null, recentFiles: [] };
}

export function savePreferences(file: string, preferences: Preferences): void {
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.tmp`;
  writeFileSync(partial, JSON.stringify(preferences, null, 2));
  renameSync(partial, file);
}

/** Puts a school file first in the recent list, once, keeping the list short. */
export function withRecentFile(recentFiles: readonly string[], file: string): string[] {
  const absolute = resolve(file);
  return [absolute, ...recentFiles.filter((path) => path !== absolute)].slice(0, maxRecentFiles);
}

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const defaultWindowSize = { width: 1280, height: 800 };

/**
 * Where to open the window: where it was, if that place is still on a screen (a projector or a
 * second screen may be gone), shrunk to fit; otherwise the default size, centred by Electron.
 */
export function fitWindow(saved: SavedWindow | null, workAreas: readonly Rectangle[]): WindowBounds {
  if (!saved) return { ...defaultWindowSize };
  const area = workAreas.find((candidate) => {
    const overlapX = Math.min(saved.x + saved.width, candidate.x + candidate.width) - Math.max(saved.x, candidate.x);
    const overlapY = Math.min(saved.y + saved.height, candidate.y + candidate.height) - Math.max(saved.y, candidate.y);
    return overlapX >= 100 && overlapY >= 50;
  });
  if (!area) return { width: Math.min(saved.width, defaultWindowSize.width), height: Math.min(saved.height, defaultWindowSize.height) };
  const width = Math.min(saved.width, area.width);
  const height = Math.min(saved.height, area.height);
  return {
    x: Math.min(Math.max(saved.x, area.x), area.x + area.width - width),
    y: Math.min(Math.max(saved.y, area.y), area.y + area.height - height),
    width,
    height,
  };
}

/** The school file named on the command line (a second launch, « Ouvrir avec »), if any. */
export function schoolFileFromArgs(argv: readonly string[], cwd: string): string | null {
  const candidates = argv.slice(1).filter((arg) => !arg.startsWith('-') && /\.(db|sesame)$/i.test(arg));
  const last = candidates.at(-1);
  return last === undefined ? null : resolve(cwd, last);
}
