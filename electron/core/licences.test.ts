import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { componentLicences } from './licences.ts';

const installed = (name: string) => JSON.parse(readFileSync(new URL(`../../node_modules/${name}/package.json`, import.meta.url), 'utf8')) as { license?: string };

describe('the licences shown in « À propos »', () => {
  it('name every runtime dependency the app ships, and the libraries in the renderer and shell', () => {
    const listed = componentLicences.map((component) => component.name);
    expect(listed).toEqual(expect.arrayContaining([...Object.keys(packageJson.dependencies), 'svelte']));
  });

  it('name each component once (« À propos » and Paramètres list them keyed by name)', () => {
    const names = componentLicences.map((component) => component.name);
    expect(names).toEqual([...new Set(names)]);
  });

  it('match the licence each package declares', () => {
    for (const component of componentLicences) {
      const name = component.name === 'Electron' ? 'electron' : component.name;
      expect(component.licence, name).toBe(installed(name).license);
    }
  });
});
