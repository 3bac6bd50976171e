import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { CoreContext } from '../electron/api/context.ts';
import { openSchool } from '../electron/api/open-school.ts';
import type { SchoolKeyRing } from '../electron/core/db/cipher.ts';
import { startHost, type RunningHost } from '../electron/host/server.ts';

const repoRoot = resolve(import.meta.dirname, '..');
export const screenshotDir = join(repoRoot, 'test-results', 'e2e');
const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface RunningApp {
  page: Page;
  host: RunningHost;
  context: CoreContext;
  schoolFile: string;
  /** Saves a full-window PNG under test-results/e2e/ and returns its path. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Load the demo school into the empty file (default true). */
  demo?: boolean;
  /** Prepares the school file before the app opens it (e.g. damages it). */
  before?: (schoolFile: string) => Promise<void> | void;
  /** Opens this school file, left in place on close: the app started again on the same school. */
  schoolFile?: string;
  /** The window's size and pixel density (default 1366×800 at 100 %). */
  viewport?: { width: number; height: number; deviceScaleFactor?: number };
  /** The keys at hand, as `npm run web --key-file` or a computer's keychain gives them (default none: files plain). */
  keys?: SchoolKeyRing;
}

/**
 * A real school file in a temp folder, the real web host on 127.0.0.1, the built renderer,
 * and the system Chromium: the app as a user would run it with `npm run web`.
 */
export async function startApp(options: StartOptions = {}): Promise<RunningApp> {
  const dir = options.schoolFile ? null : mkdtempSync(join(tmpdir(), 'sesame-e2e-'));
  const schoolFile = options.schoolFile ?? join(dir as string, 'ecole.db');
  await options.before?.(schoolFile);
  const context = await openSchool(schoolFile, { demoWhenEmpty: options.demo ?? true, recoverable: true, ...(options.keys ? { context: { keys: options.keys } } : {}) });
  const host = await startHost({ context, staticDir: join(repoRoot, 'dist', 'renderer') });
  const browser: Browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  const { deviceScaleFactor = 1, ...viewport } = options.viewport ?? { width: 1366, height: 800 };
  const page = await browser.newPage({ viewport, deviceScaleFactor, locale: 'fr-FR' });
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(host.url);
  mkdirSync(screenshotDir, { recursive: true });
  return {
    page,
    host,
    context,
    schoolFile,
    async screenshot(name) {
      const path = join(screenshotDir, `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    async close() {
      await browser.close();
      await host.close();
      if (context.db.open) context.db.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: number;
}

/** Runs axe-core in the page; returns the serious and critical violations. */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: unknown[] }[] }> } }).axe;
    const result = await axe.run(document);
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Drops files on the zone as the director would from the file manager. */
export async function dropFiles(page: Page, files: Record<string, Uint8Array>): Promise<void> {
  const payload = Object.entries(files).map(([name, bytes]) => ({ name, base64: Buffer.from(bytes).toString('base64') }));
  const dataTransfer = await page.evaluateHandle((entries) => {
    const transfer = new DataTransfer();
    for (const entry of entries) {
      const bytes = Uint8Array.from(atob(entry.base64), (char) => char.charCodeAt(0));
      transfer.items.add(new File([bytes], entry.name, { type: 'text/csv' }));
    }
    return transfer;
  }, payload);
  await page.getByTestId('zone-depot').dispatchEvent('drop', { dataTransfer });
}
