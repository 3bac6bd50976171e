import { readFile } from 'node:fs/promises';
import { securityHeaders } from '../../shared/api/csp.ts';
import { contentTypeOf, resolveStaticFile } from '../host/static-files.ts';
import { isAppUrl } from './security.ts';

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/**
 * The `app://sesame/` protocol: serves the renderer build (dist/renderer) read-only, with the
 * same CSP and headers as the web host. Anything outside that folder is refused.
 * Registered with `protocol.handle(appScheme, …)` once the app is ready.
 */
export function createAppProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (!isAppUrl(request.url)) return plain(404, 'Introuvable');
    const url = new URL(request.url);
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Méthode refusée');
    const file = resolveStaticFile(rendererDir, url.pathname);
    if (!file) return plain(404, 'Introuvable');
    const body = request.method === 'HEAD' ? null : new Uint8Array(await readFile(file));
    return new Response(body, {
      status: 200,
      headers: { ...securityHeaders, 'Content-Type': contentTypeOf(file), 'Cache-Control': 'no-cache' },
    });
  };
}
