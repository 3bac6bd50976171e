/**
 * Draws every app icon from build/icon.svg with the system Chromium (no downloaded binary):
 * build/icon.png (1024), build/icons/NxN.png (Linux), build/icon.ico (Windows), build/icon.icns
 * (macOS). Run `npm run icons` after changing the SVG, and commit the results.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const svg = readFileSync(join(here, 'icon.svg'));
const sizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

/** ICO with PNG entries (Windows Vista and later read them at every size). */
function ico(pngs: Map<number, Buffer>, wanted: number[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(wanted.length, 4);
  const entries: Buffer[] = [];
  let offset = 6 + 16 * wanted.length;
  for (const size of wanted) {
    const png = pngs.get(size) as Buffer;
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0);
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt16LE(1, 4);
    entry.writeUInt16LE(32, 6);
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    entries.push(entry);
  }
  return Buffer.concat([header, ...entries, ...wanted.map((size) => pngs.get(size) as Buffer)]);
}

/** ICNS with PNG entries, by OSType: 1x and 2x of 16 to 512. */
function icns(pngs: Map<number, Buffer>): Buffer {
  const types: [string, number][] = [
    ['icp4', 16], ['ic11', 32], ['icp5', 32], ['ic12', 64], ['icp6', 64],
    ['ic07', 128], ['ic13', 256], ['ic08', 256], ['ic14', 512], ['ic09', 512], ['ic10', 1024],
  ];
  const chunks = types.map(([type, size]) => {
    const png = pngs.get(size) as Buffer;
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + chunks.reduce((sum, chunk) => sum + chunk.length, 0), 4);
  return Buffer.concat([head, ...chunks]);
}

const browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium' });
try {
  const page = await browser.newPage();
  const pngs = new Map<number, Buffer>();
  for (const size of sizes) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<html><body style="margin:0;background:transparent"><img width="${size}" height="${size}" src="data:image/svg+xml;base64,${svg.toString('base64')}"></body></html>`,
    );
    await page.locator('img').evaluate((img) => (img as unknown as { decode(): Promise<void> }).decode());
    pngs.set(size, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
  }
  mkdirSync(join(here, 'icons'), { recursive: true });
  for (const size of sizes.filter((s) => s <= 512)) writeFileSync(join(here, 'icons', `${size}x${size}.png`), pngs.get(size) as Buffer);
  writeFileSync(join(here, 'icon.png'), pngs.get(1024) as Buffer);
  writeFileSync(join(here, 'icon.ico'), ico(pngs, [16, 24, 32, 48, 64, 128, 256]));
  writeFileSync(join(here, 'icon.icns'), icns(pngs));
  console.log(`Icônes écrites dans ${here}`);
} finally {
  await browser.close();
}
