import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBuilder } from 'vite';
import packageJson from '../../package.json' with { type: 'json' };
import { appRoot, resourcePath } from '../core/resources.ts';

let outDir: string;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'sesame-bundle-'));
  const builder = await createBuilder({
    configFile: join(appRoot(), 'vite.electron.config.ts'),
    logLevel: 'silent',
    environments: { main: { build: { outDir, sourcemap: false } }, preload: { build: { outDir, sourcemap: false } } },
  });
  await builder.buildApp();
}, 60_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/** Every module specifier a bundle still loads at run time. */
function loadedModules(code: string): string[] {
  const found = [...code.matchAll(/(?:from\s+|import\s*\(\s*|require\(\s*)["']([^"']+)["']/g)].map((match) => match[1] as string);
  return [...new Set(found)].sort();
}

describe('the Electron bundles (npm run build:electron)', () => {
  it('make the preload one CommonJS file that loads nothing but electron (a sandboxed preload cannot)', () => {
    const preload = readFileSync(join(outDir, 'preload.cjs'), 'utf8');
    expect(loadedModules(preload)).toEqual(['electron']);
    expect(preload).not.toMatch(/^\s*(import|export)\s/m);
    expect(preload).toContain('exposeInMainWorld("sesame"');
  });

  it('make the main process ESM that loads only Node, electron, the shipped dependencies and its own chunks', () => {
    const shipped = new Set(['electron', ...Object.keys(packageJson.dependencies)]);
    const isAllowed = (specifier: string, from: string) => {
      if (specifier.startsWith('node:')) return true;
      if (specifier.startsWith('./')) return existsSync(join(outDir, dirname(from), specifier)) && specifier.endsWith('.js');
      return shipped.has(specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/'));
    };
    const main = readFileSync(join(outDir, 'main.js'), 'utf8');
    expect(loadedModules(main)).toEqual(expect.arrayContaining(['electron', 'node:fs']));
    const files = readdirSync(outDir).filter((name) => name.endsWith('.js'));
    expect(files).toEqual(expect.arrayContaining(['main.js', 'cli.js', 'parse-worker.js']));
    // The SQLite driver sits in a chunk shared by the app and the command line.
    expect(files.flatMap((file) => loadedModules(readFileSync(join(outDir, file), 'utf8')))).toContain('better-sqlite3-multiple-ciphers');
    for (const file of files) {
      const code = readFileSync(join(outDir, file), 'utf8');
      expect({ file, foreign: loadedModules(code).filter((specifier) => !isAllowed(specifier, file)) }).toEqual({ file, foreign: [] });
      expect(code).not.toMatch(/from\s+["'][^"']+\.ts["']/);
    }
  });

  it('give the import sandbox’s worker its own entry beside main.js and the chunks, where the sandbox looks for it', () => {
    expect(existsSync(join(outDir, 'parse-worker.js'))).toBe(true);
    const sandbox = readdirSync(outDir).filter((name) => name.endsWith('.js') && readFileSync(join(outDir, name), 'utf8').includes('"./parse-worker.js"'));
    expect(sandbox).not.toEqual([]);
  });

  it('list the sources they were built from, so that bin/sesame.js never runs a bundle older than its sources', () => {
    const sources = JSON.parse(readFileSync(join(outDir, 'sources.json'), 'utf8')) as string[];
    expect(sources).toEqual(expect.arrayContaining(['electron/cli/main.ts', 'electron/api/dispatch.ts', 'electron/core/db/open.ts']));
    expect(sources.every((source) => existsSync(join(appRoot(), source)))).toBe(true);
  });

  it('find the app’s root and resources from the sources as from the bundle', () => {
    expect(JSON.parse(readFileSync(join(appRoot(), 'package.json'), 'utf8')).name).toBe('sesame');
    expect(resourcePath('README.md')).toBe(join(appRoot(), 'resources', 'README.md'));
  });
});
