import { builtinModules } from 'node:module';
import { defineConfig, type BuildEnvironmentOptions } from 'vite';
import packageJson from './package.json' with { type: 'json' };

/*
 * The Electron side, bundled into dist/electron/ (package.json "main": dist/electron/main.js):
 *   main.js      the main process, ESM, with the core, API and host code it imports;
 *   preload.cjs  the sandboxed preload: one self-contained CommonJS file (sandboxed preloads
 *                cannot load other modules, and cannot be ESM).
 * Node built-ins, electron and every runtime dependency stay external: electron-builder ships
 * them in the app's node_modules (the SQLite driver's .node binary unpacked from the asar), and the
 * fonts and data files they carry are found where Node resolves them.
 */

const runtimeDependencies = Object.keys(packageJson.dependencies);
const externalPackages = new RegExp(`^(electron|${runtimeDependencies.map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})(/.*)?$`);

function isExternal(id: string): boolean {
  return id.startsWith('node:') || builtinModules.includes(id) || externalPackages.test(id);
}

/**
 * Entry points of the main-process bundle, each written as dist/electron/<name>.js. A worker
 * thread is started from a file, so the import sandbox's worker gets its own entry; sandbox.ts
 * names it `./parse-worker.js` beside main.js once bundled.
 */
export const mainEntries: Record<string, string> = {
  main: 'electron/main/main.ts',
  'parse-worker': 'electron/core/imports/parse-worker.ts',
};

const common: BuildEnvironmentOptions = {
  outDir: 'dist/electron',
  emptyOutDir: false,
  target: 'node22',
  minify: false,
  sourcemap: true,
  reportCompressedSize: false,
};

export default defineConfig({
  // `vite build` builds these two environments (not the default client one).
  builder: {
    async buildApp(builder) {
      await builder.build(builder.environments['main']!);
      await builder.build(builder.environments['preload']!);
    },
  },
  environments: {
    main: {
      consumer: 'server',
      build: {
        ...common,
        emptyOutDir: true,
        rolldownOptions: {
          input: mainEntries,
          external: isExternal,
          output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
        },
      },
    },
    preload: {
      consumer: 'server',
      build: {
        ...common,
        rolldownOptions: {
          input: { preload: 'electron/preload/preload.ts' },
          external: (id) => id === 'electron',
          output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
        },
      },
    },
  },
});
