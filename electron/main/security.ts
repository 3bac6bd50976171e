import type { BrowserWindowConstructorOptions, CustomScheme, WebPreferences } from 'electron';
import { appHost, appScheme } from '../../shared/api/bridge.ts';

/*
 * The desktop shell's security policy, as plain data and pure decisions so that unit tests can
 * assert each rule without Electron. harden.ts applies it to the session and the window.
 */

/**
 * `app://sesame/…` behaves like an https origin (standard URL parsing, secure context, fetch)
 * without bypassing the CSP. Registered before the app is ready.
 */
export const appSchemePrivileges: CustomScheme = {
  scheme: appScheme,
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true, bypassCSP: false, allowServiceWorkers: false },
};

/** The renderer is a web page with no Node, no Electron, a sandboxed preload and an isolated world. */
export function secureWebPreferences(preloadPath: string, options: { devTools: boolean }): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    // The spell checker downloads its dictionaries from Google: no network, no spell checker.
    spellcheck: false,
    safeDialogs: true,
    disableDialogs: false,
    devTools: options.devTools,
  };
}

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

export function windowOptions(bounds: WindowBounds, preloadPath: string, options: { devTools: boolean; icon?: string }): BrowserWindowConstructorOptions {
  return {
    ...bounds,
    minWidth: 900,
    minHeight: 600,
    title: 'Sésame',
    backgroundColor: '#ffffff',
    // Shown once the first paint is ready, so the user never sees a blank window.
    show: false,
    ...(options.icon ? { icon: options.icon } : {}),
    webPreferences: secureWebPreferences(preloadPath, options),
  };
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Our own pages: exactly app://sesame (not another host on the scheme, not file:).
 * Compared part by part: WHATWG URL gives custom schemes the opaque origin « null ».
 */
export function isAppUrl(url: string): boolean {
  const parsed = parse(url);
  return parsed !== null && parsed.protocol === `${appScheme}:` && parsed.host === appHost && parsed.username === '' && parsed.password === '';
}

/** Links the user may open in the system browser, after confirming: the web and e-mail only. */
export function externalLinkTarget(url: string): string | null {
  const parsed = parse(url);
  if (!parsed) return null;
  if (parsed.protocol === 'https:' || parsed.protocol === 'http:') return parsed.username || parsed.password ? null : parsed.href;
  if (parsed.protocol === 'mailto:') return parsed.href;
  return null;
}

export type NavigationDecision = { action: 'allow' } | { action: 'deny' } | { action: 'ask-external'; url: string };

/**
 * Every navigation and every new window is refused: the app is one page served from app://.
 * An in-app route change is a same-document navigation and allowed; a web or mail link is
 * refused in the window and offered to the system browser after confirmation.
 */
export function decideNavigation(url: string, options: { sameDocument?: boolean } = {}): NavigationDecision {
  if (options.sameDocument && isAppUrl(url)) return { action: 'allow' };
  const external = externalLinkTarget(url);
  return external ? { action: 'ask-external', url: external } : { action: 'deny' };
}

/** What Electron tells about a permission request or check, as much as the policy reads. */
export interface PermissionDetails {
  requestingUrl?: string | undefined;
  filePath?: string | undefined;
}

/**
 * Camera, microphone, notifications, geolocation, clipboard reading, HID, serial, USB…: all
 * refused. Two exceptions, for our own page only: writing to the file or folder the user has
 * just picked in the system « Enregistrer sous » dialog (File System Access: Exporter saves that
 * way; Chromium itself refuses system folders there), and writing plain text to the clipboard
 * (the « Copier » button of a renewal code; reading the clipboard stays refused).
 */
export function permissionGranted(permission: string, details: PermissionDetails = {}): boolean {
  if (!isAppUrl(details.requestingUrl ?? '')) return false;
  if (permission === 'clipboard-sanitized-write') return true;
  return permission === 'fileSystem' && Boolean(details.filePath);
}

/**
 * Requests the session lets through: our pages, and in-page data. Everything else (http, https,
 * ws, file…) is cancelled: the window never talks to the network. Mail goes out through Node.
 */
export function requestAllowed(url: string): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  if (parsed.protocol === 'data:' || parsed.protocol === 'blob:' || parsed.protocol === 'devtools:') return true;
  return isAppUrl(url);
}

/** The frame that sent an IPC message, as much as we need of it. */
export interface SenderFrame {
  url: string;
  parent: unknown;
}

/** IPC is answered only for our own top-level page (not an iframe, not a page that navigated away). */
export function isTrustedSender(frame: SenderFrame | null | undefined): boolean {
  return frame != null && frame.parent === null && isAppUrl(frame.url);
}
