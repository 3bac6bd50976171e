import { statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';

/** The renderer build's file types; anything else is served as bytes. */
const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};

export function contentTypeOf(file: string): string {
  return mimeTypes[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a URL path onto a file of the renderer build, for the web host and the app:// protocol.
 * Null for anything that is not a file inside `root`: encoded `..`, backslashes, NUL bytes,
 * folders, missing files.
 */
export function resolveStaticFile(root: string, pathname: string): string | null {
  let relative: string;
  try {
    relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
  } catch {
    return null;
  }
  if (relative.includes('\0')) return null;
  const base = normalize(root);
  const file = normalize(join(base, relative));
  if (!file.startsWith(base.endsWith(sep) ? base : base + sep)) return null;
  return statSync(file, { throwIfNoEntry: false })?.isFile() ? file : null;
}
