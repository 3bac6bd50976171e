import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../shared/api/csp.ts';
import { createAppProtocolHandler } from './protocol.ts';

let dir: string;
let handle: (request: Request) => Promise<Response>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sesame-protocol-'));
  mkdirSync(join(dir, 'renderer', 'assets'), { recursive: true });
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>Sésame</title>');
  writeFileSync(join(dir, 'renderer', 'assets', 'index-abc.js'), 'console.log("ok")');
  for (const asset of ['pdf.worker.min-abc.mjs', 'index-abc.css', 'Police-abc.ttf', 'Police-abc.woff2', 'logo-abc.svg', 'logo-abc.png', 'decodeur-abc.wasm']) {
    writeFileSync(join(dir, 'renderer', 'assets', asset), 'x');
  }
  writeFileSync(join(dir, 'secret.txt'), 'hors du renderer');
  handle = createAppProtocolHandler(join(dir, 'renderer'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => handle(new Request(url, { method }));

describe('the app:// protocol', () => {
  it('serves the renderer’s page and assets with their types and the CSP', async () => {
    const page = await get('app://sesame/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>Sésame</title>');
    const script = await get('app://sesame/assets/index-abc.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get('app://sesame/')).status).toBe(200);
  });

  it.each([
    ['pdf.worker.min-abc.mjs', 'text/javascript; charset=utf-8'],
    ['index-abc.css', 'text/css; charset=utf-8'],
    ['Police-abc.ttf', 'font/ttf'],
    ['Police-abc.woff2', 'font/woff2'],
    ['logo-abc.svg', 'image/svg+xml'],
    ['logo-abc.png', 'image/png'],
    ['decodeur-abc.wasm', 'application/wasm'],
  ])('serves %s with the type Chromium expects (a module worker must be JavaScript), under the CSP', async (asset, type) => {
    const response = await get(`app://sesame/assets/${asset}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
  });

  it.each([
    'app://sesame/%2e%2e/secret.txt',
    'app://sesame/..%2fsecret.txt',
    'app://sesame/assets/..%2f..%2fsecret.txt',
    'app://sesame/..%5csecret.txt',
    'app://sesame/%2e%2e%5csecret.txt',
    'app://sesame/index.html%00.js',
    'app://sesame/%E0%A4%A',
  ])('refuses a path that leaves the renderer folder or is malformed: %s', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('hors du renderer');
  });

  it('answers 404 for missing files and folders, and for another host', async () => {
    expect((await get('app://sesame/absent.js')).status).toBe(404);
    expect((await get('app://sesame/assets')).status).toBe(404);
    expect((await get('app://autre/index.html')).status).toBe(404);
  });

  it('serves nothing but reads', async () => {
    expect((await get('app://sesame/index.html', 'POST')).status).toBe(405);
    const head = await get('app://sesame/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
