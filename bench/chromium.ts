import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { openSchool } from '../electron/api/open-school.ts';
import { appRoot } from '../electron/core/resources.ts';
import { startHost } from '../electron/host/server.ts';


export interface OpenedInChromium {
  page: Page;
  /** From navigation start: the first contentful paint, and the Utilisateurs list showing its first account. */
  firstPaintMs: number;
  listShownMs: number;
  close(): Promise<void>;
}

/**
 * The built renderer (npm run build:renderer) in the system Chromium, served by the web host on
 * the given school file, as `npm run web` runs it; long tasks are recorded from the start.
 */
export async function openInChromium(schoolFile: string): Promise<OpenedInChromium> {
  const index = join(appRoot(), 'dist', 'renderer', 'index.html');
  if (!existsSync(index)) throw new Error('Construisez d’abord l’interface : npm run build:renderer');
  console.log(`(interface construite le ${statSync(index).mtime.toLocaleString('fr-FR')})`);
  const context = await openSchool(schoolFile, { recoverable: true });
  const host = await startHost({ context, staticDir: join(appRoot(), 'dist', 'renderer') });
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const page = await browser.newPage({ viewport: { width: 1366, height: 800 }, locale: 'fr-FR' });
  await page.addInitScript(() => {
    const seen: number[] = [];
    (globalThis as unknown as { sesameLongTasks: number[] }).sesameLongTasks = seen;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) seen.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true } as never);
  });
  await page.goto(host.url);
  await page.locator('[role="row"][aria-rowindex="2"] [role="cell"].name').first().waitFor({ timeout: 60_000 });
  const { firstPaintMs, listShownMs } = await page.evaluate(() => ({
    firstPaintMs: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
    listShownMs: performance.now(),
  }));
  return {
    page,
    firstPaintMs,
    listShownMs,
    async close() {
      await browser.close();
      await host.close();
      context.db.close();
    },
  };
}

/** Scrolls the Utilisateurs list with the mouse wheel from top to far down; returns the long tasks seen meanwhile (ms). */
export async function scrollUsers(page: Page, wheelTurns = 80): Promise<number[]> {
  await page.evaluate(() => (globalThis as unknown as { sesameLongTasks: number[] }).sesameLongTasks.splice(0));
  const list = page.getByRole('table', { name: 'Comptes de l\'école' });
  const box = await list.boundingBox();
  if (!box) throw new Error('no Utilisateurs list on screen');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let turn = 0; turn < wheelTurns; turn++) {
    await page.mouse.wheel(0, turn % 10 === 9 ? 40_000 : 1_200);
    await page.waitForTimeout(16);
  }
  // The rows asked for while scrolling arrive, then are drawn.
  await page.waitForTimeout(500);
  return page.evaluate(() => [...(globalThis as unknown as { sesameLongTasks: number[] }).sesameLongTasks]);
}
