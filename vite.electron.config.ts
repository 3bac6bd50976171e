import { builtinModules } from 'node:module';
import { defineConfig, normalizePath, type BuildEnvironmentOptions, type Plugin } from 'vite';
import packageJson from './package.json' with { type: 'json' };

/*
 * The Electron side, bundled into dist/electron/ (package.json "main": dist/electron/main.js):
 *   main.js      the main process, ESM, with the core, API and host code it imports;
 *   cli.js       the `sesame` command (bin/sesame.js runs it when it is newer than its sources);
 *   preload.cjs  the sandboxed preload: one self-contained CommonJS file (sandboxed preloads
 *                cannot load other modules, and cannot be ESM).
 * Node built-ins, electron and every runtime dependency stay external: electron-builder ships
 * them in the app's node_modules (the SQLite driver's .node binary unpacked from the asar), and the
 * fonts and data files they carry are found where Node resolves them.
 */

// zod is bundled instead: pure JavaScript, it then loads as a few chunks without its 40 locales,
// where node_modules/zod is 95 modules and 35 ms at every start of the command line.
const bundledDependencies = new Set(['zod', 'pdf-lib', '@pdf-lib/fontkit', '@pdf-lib/standard-fonts', '@pdf-lib/upng', 'pako', 'tslib']);
const runtimeDependencies = Object.keys(packageJson.dependencies).filter((name) => !bundledDependencies.has(name));
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
  cli: 'electron/cli/main.ts',
  'parse-worker': 'electron/core/imports/parse-worker.ts',
};

/**
 * Writes sources.json, the repository files the bundle was built from: bin/sesame.js runs the
 * bundle only while none of them is newer, so an edited source is never shadowed by an old build.
 */
function sourcesManifest(): Plugin {
  return {
    name: 'sesame-sources-manifest',
    applyToEnvironment: (environment) => environment.name === 'main',
    generateBundle() {
      // Forward slashes on every system: bin/sesame.js resolves them as URLs.
      const root = `${normalizePath(process.cwd())}/`;
      const sources = [...this.getModuleIds()]
        .map((id) => normalizePath(id))
        .filter((id) => id.startsWith(root) && !id.includes('/node_modules/'))
        .map((id) => id.slice(root.length))
        .sort();
      this.emitFile({ type: 'asset', fileName: 'sources.json', source: `${JSON.stringify(sources)}\n` });
    },
  };
}

const common: BuildEnvironmentOptions = {
  outDir: 'dist/electron',
  emptyOutDir: false,
  target: 'node22',
  minify: false,
  sourcemap: true,
  reportCompressedSize: false,
};

export default defineConfig({
  plugins: [sourcesManifest()],
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
      // A server environment leaves node_modules external by default.
      resolve: { noExternal: [...bundledDependencies] },
      build: {
        ...common,
        emptyOutDir: true,
        rolldownOptions: {
          input: mainEntries,
          external: isExternal,
          // Chunks beside the entries: the lazily loaded import sandbox finds ./parse-worker.js from any of them.
          output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunk-[name]-[hash].js' },
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
