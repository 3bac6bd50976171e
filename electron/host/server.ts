import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CoreContext } from '../api/context.ts';
import { dispatch } from '../api/dispatch.ts';
import { fail } from '../../shared/api/result.ts';
import { securityHeaders } from '../../shared/api/csp.ts';
import { maxImportRequestBytes } from '../../shared/domain/imports.ts';
import { contentTypeOf, resolveStaticFile } from './static-files.ts';

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
  let allowedHosts: Set<string> = new Set();
  let allowedOrigins: Set<string> = new Set();

  const serveStatic = (pathname: string, response: ServerResponse) => {
    const file = resolveStaticFile(options.staticDir, pathname);
    if (!file) {
      send(response, 404, 'Introuvable', 'text/plain; charset=utf-8');
      return;
    }
    response.writeHead(200, {
      ...securityHeaders,
      'Content-Type': contentTypeOf(file),
      'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'max-age=3600',
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
