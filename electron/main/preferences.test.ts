import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultWindowSize, fitWindow, loadPreferences, maxRecentFiles, savePreferences, schoolFileFromArgs, withRecentFile } from './preferences.ts';

const dir = mkdtempSync(join(tmpdir(), 'sesame-preferences-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('preferences file', () => {
  it('round-trips the window state and the recent files', () => {
    const file = join(dir, 'preferences.json');
    const preferences = { window: { x: 10, y: 20, width: 1000, height: 700, maximized: true }, recentFiles: ['/écoles/jules-ferry.db'] };
    savePreferences(file, preferences);
    expect(loadPreferences(file)).toEqual(preferences);
  });

  it('falls back to defaults for a missing or garbled file, keeping what is still valid', () => {
    expect(loadPreferences(join(dir, 'absent.json'))).toEqual({ window: null, recentFiles: [] });
    const garbled = join(dir, 'garbled.json');
    writeFileSync(garbled, '{ pas du json');
    expect(loadPreferences(garbled)).toEqual({ window: null, recentFiles: [] });
    const partly = join(dir, 'partly.json');
    writeFileSync(partly, JSON.stringify({ window: { x: 'gauche' }, recentFiles: ['/a.db'] }));
    expect(loadPreferences(partly)).toEqual({ window: null, recentFiles: ['/a.db'] });
  });
});

describe('recent files', () => {
  it('puts the opened file first, once, and keeps the list short', () => {
    const many = Array.from({ length: maxRecentFiles }, (_, i) => resolve(`/ecoles/${i}.db`));
    const list = withRecentFile(many, '/ecoles/3.db');
    expect(list[0]).toBe(resolve('/ecoles/3.db'));
    expect(list.filter((path) => path === resolve('/ecoles/3.db'))).toHaveLength(1);
    expect(withRecentFile(many, '/ecoles/nouvelle.db')).toHaveLength(maxRecentFiles);
  });
});

describe('window placement', () => {
  const laptop = { x: 0, y: 0, width: 1366, height: 728 };
  const projector = { x: 1366, y: 0, width: 1920, height: 1040 };

  it('opens at the default size the first time', () => {
    expect(fitWindow(null, [laptop])).toEqual(defaultWindowSize);
  });

  it('reopens where it was when that place is still on a screen', () => {
    const saved = { x: 1500, y: 50, width: 1200, height: 800, maximized: false };
    expect(fitWindow(saved, [laptop, projector])).toEqual({ x: 1500, y: 50, width: 1200, height: 800 });
  });

  it('comes back on screen, at most the screen’s size, when the projector is gone', () => {
    const saved = { x: 1500, y: 50, width: 1900, height: 1000, maximized: false };
    expect(fitWindow(saved, [laptop])).toEqual({ width: defaultWindowSize.width, height: defaultWindowSize.height });
    expect(fitWindow({ x: -50, y: -20, width: 2000, height: 900, maximized: false }, [laptop])).toEqual({ x: 0, y: 0, width: 1366, height: 728 });
  });
});

describe('school file given on the command line', () => {
  it('takes the last .db or .sesame argument, resolved against the launch folder', () => {
    expect(schoolFileFromArgs(['Sésame.exe', '--allow-file-access', 'ecole.db'], '/home/directrice')).toBe(resolve('/home/directrice/ecole.db'));
    expect(schoolFileFromArgs(['electron', '.', '/tmp/a.db', '/tmp/b.SESAME'], '/')).toBe(resolve('/tmp/b.SESAME'));
  });

  it('ignores the executable, flags and other files', () => {
    expect(schoolFileFromArgs(['/opt/sesame.db'], '/')).toBeNull();
    expect(schoolFileFromArgs(['Sésame.exe', '--inspect=x.db', 'notes.txt'], '/')).toBeNull();
  });
});
