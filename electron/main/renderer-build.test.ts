import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import { contentSecurityPolicy } from '../../shared/api/csp.ts';
import { appRoot } from '../core/resources.ts';
import { createAppProtocolHandler } from './protocol.ts';

/**
 * The real renderer build (npm run build:renderer) served by the app:// protocol, as the
 * Electron window loads it: every file it emits comes with a type Chromium accepts (module
 * scripts and module workers are refused under any other MIME type), and PDF.js's worker starts
 * from our own origin, which the CSP allows.
 */
let outDir: string;
let handle: (request: Request) => Promise<Response>;
let files: string[];

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'sesame-renderer-build-'));
  await build({ configFile: join(appRoot(), 'vite.renderer.config.ts'), logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  files = readdirSync(outDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(outDir, join(entry.parentPath, entry.name)).split(sep).join('/'));
  handle = createAppProtocolHandler(outDir);
}, 120_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const appUrl = (file: string) => `app://sesame/${file}`;
const get = (url: string) => handle(new Request(url));

/** The sources of a CSP directive: `worker-src 'self' blob:` → ["'self'", 'blob:']. */
function directive(policy: string, name: string): string[] {
  const found = policy.split(';').map((part) => part.trim().split(/\s+/)).find(([first]) => first === name);
  return found?.slice(1) ?? [];
}

describe('the renderer build served over app://', () => {
  it('serves every file it emits with its own type, scripts and module workers as JavaScript', async () => {
    expect(files).toContain('index.html');
    const types = new Map<string, string>();
    for (const file of files) {
      const response = await get(appUrl(file));
      expect({ file, status: response.status }).toEqual({ file, status: 200 });
      types.set(extname(file), response.headers.get('content-type') ?? '');
    }
    for (const [extension, type] of types) expect({ extension, type }).not.toEqual({ extension, type: 'application/octet-stream' });
    expect(types.get('.js')).toBe('text/javascript; charset=utf-8');
    expect(types.get('.mjs')).toBe('text/javascript; charset=utf-8');
    expect(types.get('.css')).toBe('text/css; charset=utf-8');
  });

  it('starts PDF.js’s worker from a file of our own origin, served as a module script', async () => {
    const worker = files.find((file) => /^assets\/pdf\.worker[^/]*\.mjs$/.test(file));
    expect(worker).toBeDefined();
    // The chunk that sets GlobalWorkerOptions.workerSrc names the worker relative to itself.
    const starters = files.filter((file) => file.endsWith('.js') && readFileSync(join(outDir, file), 'utf8').includes('pdf.worker'));
    expect(starters).toHaveLength(1);
    const starter = starters[0] as string;
    const reference = /new URL\(\s*["'`]([^"'`]+\.mjs)["'`]\s*,\s*import\.meta\.url\s*\)/.exec(readFileSync(join(outDir, starter), 'utf8'));
    expect(reference).not.toBeNull();
    const workerUrl = new URL(reference?.[1] as string, appUrl(starter));
    expect(workerUrl.href).toBe(appUrl(worker as string));

    const response = await get(workerUrl.href);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    // Same origin as the page: `new Worker(url, { type: 'module' })` is allowed by worker-src 'self'.
    expect(directive(contentSecurityPolicy, 'worker-src')).toContain("'self'");
    // Should Chromium see another origin, PDF.js wraps the worker in a blob: module that imports it.
    expect(directive(contentSecurityPolicy, 'worker-src')).toContain('blob:');
    expect(directive(contentSecurityPolicy, 'script-src')).toEqual(["'self'"]);
  });

  it('has no inline script in its page, and the same CSP in the page as in the headers', async () => {
    const page = await (await get(appUrl('index.html'))).text();
    const scripts = [...page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc="\.\/assets\/[^"]+\.js"/);
      expect(body?.trim()).toBe('');
    }
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(page)?.[1];
    // frame-ancestors only works as a header: the page carries the rest, word for word.
    const headerWithoutFrameAncestors = contentSecurityPolicy
      .split('; ')
      .filter((part) => !part.startsWith('frame-ancestors'))
      .join('; ');
    expect(meta).toBe(headerWithoutFrameAncestors);
  });
});
