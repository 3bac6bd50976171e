import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { CoreContext } from '../api/context.ts';
import { dispatch } from '../api/dispatch.ts';
import { fail } from '../../shared/api/result.ts';
import { contentSecurityPolicy } from '../../shared/api/csp.ts';
import { maxImportRequestBytes } from '../../shared/domain/imports.ts';

export interface HostOptions {
  context: CoreContext;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  port?: number;
  /** Fixed for tests; random per run otherwise. */
  token?: string;
  maxBodyBytes?: number;
}

export interface RunningHost {
  /** Open this in a browser: the token travels in the fragment, never sent to the server. */
  url: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
};

const securityHeaders = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

function send(response: ServerResponse, status: number, body: string, type = 'application/json; charset=utf-8'): void {
  response.writeHead(status, { ...securityHeaders, 'Content-Type': type, 'Cache-Control': 'no-store' });
  response.end(body);
}

function sameToken(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The body as text, or null past the limit (the rest is drained so the client reads our 413). */
async function readBody(request: IncomingMessage, limit: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
  }
  return size > limit ? null : Buffer.concat(chunks).toString('utf8');
}

/**
 * The loopback web host: the same renderer and the same dispatch() as the desktop app,
 * for browsers and end-to-end tests. Listens on 127.0.0.1 only; every API request must carry
 * the per-run token and come from this very origin (no DNS rebinding, no cross-site calls).
 */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  // Imports send files base64-encoded in one call: the body may weigh what importLimits allows.
  const maxBody = options.maxBodyBytes ?? maxImportRequestBytes;
  const staticRoot = normalize(options.staticDir);
  let allowedHosts: Set<string> = new Set();
  let allowedOrigins: Set<string> = new Set();

  const serveStatic = (pathname: string, response: ServerResponse) => {
    const relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
    const file = normalize(join(staticRoot, relative));
    if (!file.startsWith(staticRoot + sep) || !existsSync(file) || !statSync(file).isFile()) {
      send(response, 404, 'Introuvable', 'text/plain; charset=utf-8');
      return;
    }
    response.writeHead(200, {
      ...securityHeaders,
      'Content-Type': mimeTypes[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': relative === 'index.html' ? 'no-store' : 'max-age=3600',
    });
    createReadStream(file).pipe(response);
  };

  const server = createServer(async (request, response) => {
    const host = request.headers.host ?? '';
    const origin = request.headers.origin;
    if (!allowedHosts.has(host) || (origin !== undefined && !allowedOrigins.has(origin))) {
      send(response, 403, JSON.stringify(fail('forbidden', 'Requête refusée : origine inconnue.')));
      return;
    }
    const url = new URL(request.url ?? '/', `http://${host}`);
    if (!url.pathname.startsWith('/api/')) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, '');
      return serveStatic(url.pathname, response);
    }
    if (!sameToken(request.headers['x-sesame-token'] as string | undefined, token)) {
      send(response, 401, JSON.stringify(fail('forbidden', 'Requête refusée : jeton absent ou invalide.')));
      return;
    }
    if (url.pathname === '/api/call' && request.method === 'POST') {
      const body = await readBody(request, maxBody);
      if (body === null) {
        return send(response, 413, JSON.stringify(fail('invalid-argument', 'Requête trop volumineuse : importez les fichiers en plusieurs fois.')));
      }
      let call: { method?: unknown; arg?: unknown };
      try {
        call = JSON.parse(body) as { method?: unknown; arg?: unknown };
      } catch {
        return send(response, 400, JSON.stringify(fail('invalid-argument', 'Requête illisible.')));
      }
      const result = await dispatch(options.context, typeof call.method === 'string' ? call.method : '', call.arg);
      return send(response, 200, JSON.stringify(result));
    }
    if (url.pathname === '/api/events' && request.method === 'GET') {
      response.writeHead(200, { ...securityHeaders, 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      response.write(': connecté\n\n');
      const unsubscribe = options.context.events.subscribe((event) => response.write(`data: ${JSON.stringify(event)}\n\n`));
      const keepAlive = setInterval(() => response.write(': ping\n\n'), 15_000);
      request.on('close', () => {
        clearInterval(keepAlive);
        unsubscribe();
      });
      return;
    }
    send(response, 404, JSON.stringify(fail('unknown-method', 'Adresse inconnue.')));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  allowedOrigins = new Set([...allowedHosts].map((h) => `http://${h}`));
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
