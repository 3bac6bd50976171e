import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSchool, type TestSchool } from '../test-support/school.ts';
import { startHost, type RunningHost } from './server.ts';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request, so that Host and Origin can be forged as an attacker would. */
function raw(host: RunningHost, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawResponse> {
  const url = new URL(host.origin);
  return new Promise((resolve, reject) => {
    const req = request(
      { hostname: url.hostname, port: url.port, path, method: options.method ?? 'GET', headers: options.headers, setHost: !options.headers?.['Host'] },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

describe('the loopback web host', () => {
  let school: TestSchool;
  let host: RunningHost;
  const call = (method: string, arg: unknown, headers: Record<string, string> = {}) =>
    raw(host, '/api/call', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Sesame-Token': host.token, ...headers },
      body: JSON.stringify({ method, arg }),
    });

  beforeAll(async () => {
    school = await testSchool({ demo: true });
    const staticDir = join(school.dir, 'renderer');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Sésame</title>');
    writeFileSync(join(school.dir, 'secret.txt'), 'ne pas servir');
    host = await startHost({ context: school.context, staticDir });
  });
  afterAll(async () => {
    await host.close();
    school.cleanup();
  });

  it('listens on 127.0.0.1 only and gives the token in the fragment', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.url).toBe(`${host.origin}/#token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('answers a call carrying the token', async () => {
    const response = await call('directory.list', { filter: { profiles: ['teacher'] }, sort: ['none', 'none'], offset: 0, limit: 5 });
    expect(response.status).toBe(200);
    const result = JSON.parse(response.body);
    expect(result.ok).toBe(true);
    expect(result.value.items.length).toBe(5);
  });

  it('refuses a call without the token, or with a wrong one', async () => {
    const without = await raw(host, '/api/call', { method: 'POST', body: '{"method":"school.info","arg":{}}' });
    expect(without.status).toBe(401);
    expect(JSON.parse(without.body).error.message).toContain('jeton');
    const wrong = await call('school.info', {}, { 'X-Sesame-Token': 'x'.repeat(host.token.length) });
    expect(wrong.status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const port = new URL(host.origin).port;
    const response = await call('school.info', {}, { Host: `evil.example:${port}` });
    expect(response.status).toBe(403);
  });

  it('refuses a foreign Origin (another site calling the API)', async () => {
    const response = await call('school.info', {}, { Origin: 'https://evil.example' });
    expect(response.status).toBe(403);
  });

  it('serves the renderer with a strict CSP, and nothing outside it', async () => {
    const index = await raw(host, '/');
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await raw(host, '/../secret.txt')).status).toBe(404);
    expect((await raw(host, '/%2e%2e/secret.txt')).status).toBe(404);
  });

  it('takes import-sized bodies, and refuses a body over its limit', async () => {
    // Imports send files base64-encoded: a few megabytes reach dispatch (which rejects the padding).
    expect((await call('school.info', { padding: 'x'.repeat(3 * 1024 * 1024) })).status).toBe(200);
    const small = await startHost({ context: school.context, staticDir: join(school.dir, 'renderer'), maxBodyBytes: 1024 * 1024 });
    try {
      const response = await raw(small, '/api/call', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Sesame-Token': small.token },
        body: JSON.stringify({ method: 'school.info', arg: { padding: 'x'.repeat(2 * 1024 * 1024) } }),
      });
      expect(response.status).toBe(413);
    } finally {
      await small.close();
    }
  });

  it('streams events to a subscriber over SSE', async () => {
    const controller = new AbortController();
    const response = await fetch(`${host.origin}/api/events`, { headers: { 'X-Sesame-Token': host.token }, signal: controller.signal });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    await reader.read();
    await call('school.updateSettings', { city: 'Antibes' });
    let text = '';
    while (!text.includes('data-changed')) text += (await reader.read()).value ?? '';
    expect(text).toContain('"area":"settings"');
    controller.abort();
  });
});
