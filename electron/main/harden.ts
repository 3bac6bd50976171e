import type { Session, WebContents } from 'electron';
import { decideNavigation, permissionGranted, requestAllowed } from './security.ts';

type HardenedSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'setDisplayMediaRequestHandler' | 'webRequest'
>;

/** Applies the policy of security.ts to the window's session: no permission (but saving where the user chose), no network. */
export function hardenSession(session: HardenedSession): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => callback(permissionGranted(permission, details)));
  session.setPermissionCheckHandler((_contents, permission, _origin, details) => permissionGranted(permission, details));
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback({}));
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !requestAllowed(details.url) }));
}

type HardenedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/**
 * Applies the navigation policy to the window: no navigation away, no new window, no webview;
 * web and mail links go to `askExternal` (a confirmation, then the system browser).
 */
export function hardenContents(contents: HardenedContents, askExternal: (url: string) => void): void {
  const guard = (event: { preventDefault(): void }, url: string, sameDocument: boolean) => {
    const decision = decideNavigation(url, { sameDocument });
    if (decision.action === 'allow') return;
    event.preventDefault();
    if (decision.action === 'ask-external') askExternal(decision.url);
  };
  contents.on('will-frame-navigate', (event) => guard(event, event.url, event.isSameDocument));
  contents.on('will-redirect', (event) => guard(event, event.url, event.isSameDocument));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideNavigation(url);
    if (decision.action === 'ask-external') askExternal(decision.url);
    return { action: 'deny' };
  });
}
