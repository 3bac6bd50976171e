#!/usr/bin/env node
// The `sesame` command. Sésame's Node side is TypeScript run by Node's own type stripping
// (on by default from Node 22.18; behind a flag on 22.12–22.17, so re-run with it there).
import { spawnSync } from 'node:child_process';

// `sesame list | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

if (process.features.typescript) {
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
