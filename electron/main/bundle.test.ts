import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBuilder } from 'vite';
import packageJson from '../../package.json' with { type: 'json' };
import { appRoot, resourcePath } from '../core/resources.ts';

let outDir: string;
/** What each chunk of the main bundle imports, statically or dynamically, as the bundler wrote it. */
const imports = new Map<string, string[]>();

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'sesame-bundle-'));
  const builder = await createBuilder({
    configFile: join(appRoot(), 'vite.electron.config.ts'),
    logLevel: 'silent',
    environments: { main: { build: { outDir, sourcemap: false } }, preload: { build: { outDir, sourcemap: false } } },
  });
  // Built environment by environment (as buildApp does) to keep the main bundle's chunk metadata.
  for (const output of [await builder.build(builder.environments['main']!)].flat()) {
    if (!('output' in output)) continue;
    for (const item of output.output) if (item.type === 'chunk') imports.set(item.fileName, [...item.imports, ...item.dynamicImports]);
  }
  await builder.build(builder.environments['preload']!);
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
    expect(imports.get('main.js')).toEqual(expect.arrayContaining(['electron', 'node:fs']));
    const files = readdirSync(outDir).filter((name) => name.endsWith('.js'));
    expect(files).toEqual(expect.arrayContaining(['main.js', 'cli.js', 'parse-worker.js']));
    expect([...imports.keys()].sort()).toEqual(files.sort());
    // The SQLite driver sits in a chunk shared by the app and the command line.
    expect([...imports.values()].flat()).toContain('better-sqlite3-multiple-ciphers');
    for (const file of files) {
      // The bundler names its own files bare (« chunk-….js », « cli.js »).
      const foreign = (imports.get(file) ?? []).filter((specifier) => !files.includes(specifier) && !isAllowed(specifier, file));
      expect({ file, foreign }).toEqual({ file, foreign: [] });
      expect(readFileSync(join(outDir, file), 'utf8')).not.toMatch(/from\s+["'][^"']+\.ts["']/);
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
