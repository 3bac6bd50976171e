import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Configuration } from 'electron-builder';
// electron-builder's own loader and schema check, as `npm run package` runs them.
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import packageJson from '../../package.json' with { type: 'json' };

const root = fileURLToPath(new URL('../../', import.meta.url));
const config: Configuration = await getConfig(root, 'electron-builder.yml', null);

type TargetList = { target: string; arch?: string[] }[];
const targetsOf = (platform: { target?: unknown } | null | undefined) => ((platform?.target ?? []) as TargetList).map((entry) => entry.target);

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own validation', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('builds Windows NSIS and portable, macOS dmg, Linux AppImage and deb', () => {
    expect(targetsOf(config.win)).toEqual(['nsis', 'portable']);
    expect(targetsOf(config.mac)).toEqual(['dmg']);
    expect(targetsOf(config.linux)).toEqual(['AppImage', 'deb']);
  });

  it('installs per user, in French, without admin rights, and never deletes the school files', () => {
    expect(config.nsis).toMatchObject({ perMachine: false, allowElevation: false, language: '1036', installerLanguages: ['fr_FR'], deleteAppDataOnUninstall: false });
  });

  it('ships the app in an asar, with better-sqlite3-multiple-ciphers’ binary unpacked beside it', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3-multiple-ciphers/prebuilds/*.node');
    expect(config.npmRebuild).toBe(false);
  });

  it('packs the bundles the package.json main and the window load', () => {
    expect(packageJson.main).toBe('dist/electron/main.js');
    const patterns = ([config.files].flat() as (string | { filter?: string | string[] })[]).flatMap((entry) =>
      typeof entry === 'string' ? [entry] : [entry.filter ?? []].flat(),
    );
    expect(patterns).toEqual(expect.arrayContaining(['package.json', 'dist/electron/**', 'dist/renderer/**', '!**/*.map']));
  });

  it('sets the fuses: no run-as-node, NODE_OPTIONS or inspector; encrypted cookies; asar integrity, and the app only from the asar', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('never calls home: no publish or auto-update server', () => {
    expect(config.publish).toBeNull();
  });

  it('names the product in French and gives it its icons', () => {
    expect(config.productName).toBe('Sésame');
    expect(config.productName).toBe(packageJson.productName);
    expect(config.electronLanguages).toContain('fr');
    const icon = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url));
    expect(icon(config.win?.icon as string).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
    expect(icon(config.mac?.icon as string).subarray(0, 4).toString('ascii')).toBe('icns');
    const png = icon('build/icon.png');
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1024, 1024]);
    expect(statSync(new URL(`../../${config.linux?.icon as string}/256x256.png`, import.meta.url)).isFile()).toBe(true);
  });
});
