#!/usr/bin/env node
// The `sesame` command. It runs the built bundle (dist/electron/cli.js, made by `npm install`
// and `npm run build`) while no source it was built from is newer; otherwise the TypeScript
// sources, through Node's own type stripping (on by default from Node 22.18; behind a flag on
// 22.12–22.17, so re-run with it there). SESAME_FROM_SOURCES=1 forces the sources.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';

// `sesame list | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const root = new URL('../', import.meta.url);
const bundle = new URL('dist/electron/cli.js', root);

/** The bundle is used only when every source it lists is older than it (a missing source is not shipped: fine). */
function bundleIsCurrent() {
  if (process.env.SESAME_FROM_SOURCES === '1') return false;
  try {
    const built = statSync(bundle).mtimeMs;
    const sources = JSON.parse(readFileSync(new URL('dist/electron/sources.json', root), 'utf8'));
    return sources.length > 0 && sources.every((source) => (statSync(new URL(source, root), { throwIfNoEntry: false })?.mtimeMs ?? 0) <= built);
  } catch {
    return false;
  }
}

if (bundleIsCurrent()) {
  // Errors point at the .ts lines through the bundle's source maps.
  process.setSourceMapsEnabled(true);
  const { enableCompileCache, runCli } = await import(bundle.href);
  enableCompileCache();
  process.exitCode = await runCli(process.argv.slice(2));
} else if (process.features.typescript) {
  const { enableCompileCache } = await import('../electron/core/compile-cache.ts');
  enableCompileCache();
  const { runCli } = await import('../electron/cli/main.ts');
  process.exitCode = await runCli(process.argv.slice(2));
} else {
  const result = spawnSync(
    process.execPath,
    ['--experimental-strip-types', '--no-warnings', new URL(import.meta.url).pathname, ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  process.exit(result.status ?? 1);
}
