import { homedir } from 'node:os';
import { join } from 'node:path';
import { appName } from './app-version.ts';

/**
 * The folder Electron names `userData` for this app, computed the same way without Electron
 * so that the CLI and the web host open the app's own school file by default.
 */
export function userDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'win32') return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), appName);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', appName);
  return join(env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), appName);
}

/** `SESAME_DB` if set, else `ecole.db` in the app's data folder. */
export function defaultSchoolFile(env: NodeJS.ProcessEnv = process.env): string {
  return env['SESAME_DB'] || join(userDataDir(process.platform, env), 'ecole.db');
}

/** The app's cache folder: per user, never shared (e.g. ~/.cache/Sésame). */
export function userCacheDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'win32') return join(env['LOCALAPPDATA'] ?? join(homedir(), 'AppData', 'Local'), appName, 'Cache');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Caches', appName);
  return join(env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), appName);
}
