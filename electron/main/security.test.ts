import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../shared/api/csp.ts';
import { hardenContents, hardenSession } from './harden.ts';
import { appSchemePrivileges, decideNavigation, externalLinkTarget, isTrustedSender, permissionGranted, requestAllowed, secureWebPreferences, windowOptions } from './security.ts';

describe('the window’s web preferences', () => {
  const preferences = secureWebPreferences('/app/dist/electron/preload.cjs', { devTools: false });

  it('isolate the page from the preload and sandbox it', () => {
    expect(preferences).toMatchObject({ contextIsolation: true, sandbox: true });
  });

  it('give the page no Node, in no frame and no worker', () => {
    expect(preferences).toMatchObject({ nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false });
  });

  it('keep web security, refuse insecure content, webviews and drag-and-drop navigation', () => {
    expect(preferences).toMatchObject({
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
  });

  it('turn off the spell checker, which would download dictionaries', () => {
    expect(preferences.spellcheck).toBe(false);
  });

  it('load only our preload, and no developer tools in the installed app', () => {
    expect(preferences.preload).toBe('/app/dist/electron/preload.cjs');
    expect(preferences.devTools).toBe(false);
  });

  it('are the ones the window is built with', () => {
    expect(windowOptions({ width: 1280, height: 800 }, '/p.cjs', { devTools: false }).webPreferences).toEqual(secureWebPreferences('/p.cjs', { devTools: false }));
  });
});

describe('the app:// scheme', () => {
  it('is a standard, secure scheme that does not bypass the CSP', () => {
    expect(appSchemePrivileges).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true, bypassCSP: false, allowServiceWorkers: false } });
  });

  it('is served under a CSP that allows no inline or remote script', () => {
    expect(contentSecurityPolicy).toContain("script-src 'self'");
    expect(contentSecurityPolicy).not.toMatch(/script-src[^;]*(unsafe-inline|unsafe-eval|https?:)/);
    expect(contentSecurityPolicy).toContain("object-src 'none'");
    expect(contentSecurityPolicy).toContain("frame-ancestors 'none'");
  });
});

describe('navigation', () => {
  it.each([
    ['https://ent.example/login', 'a web page'],
    ['app://sesame/index.html', 'a reload of our own page as a new navigation'],
    ['app://autre/index.html', 'another host on our scheme'],
    ['file:///etc/passwd', 'a local file'],
    ['javascript:alert(1)', 'a script URL'],
  ])('is refused in the window for %s (%s)', (url) => {
    expect(decideNavigation(url).action).not.toBe('allow');
  });

  it('lets in-app route changes through (same document, our origin)', () => {
    expect(decideNavigation('app://sesame/index.html#/parametres', { sameDocument: true })).toEqual({ action: 'allow' });
    expect(decideNavigation('https://ent.example/#x', { sameDocument: true }).action).not.toBe('allow');
  });

  it('offers web and mail links to the system browser, after confirmation', () => {
    expect(decideNavigation('https://ent.example/login')).toEqual({ action: 'ask-external', url: 'https://ent.example/login' });
    expect(decideNavigation('mailto:direction@ecole.example')).toEqual({ action: 'ask-external', url: 'mailto:direction@ecole.example' });
  });

  it('never hands other schemes, or URLs carrying credentials, to the system', () => {
    for (const url of ['file:///C:/Windows/system32/calc.exe', 'smb://serveur/partage', 'ms-msdt:/id', 'javascript:alert(1)', 'https://user:pass@ent.example/', 'pas une url']) {
      expect(externalLinkTarget(url), url).toBeNull();
      expect(decideNavigation(url), url).toEqual({ action: 'deny' });
    }
  });
});

describe('permissions and network', () => {
  const ourPage = { requestingUrl: 'app://sesame/index.html' };

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'hid', 'serial', 'usb', 'openExternal', 'fullscreen', 'fileSystem'])(
    'refuses %s, even to our own page',
    (permission) => {
      expect(permissionGranted(permission, ourPage)).toBe(false);
    },
  );

  it('lets our page, and only it, copy text to the clipboard (the « Copier » button)', () => {
    expect(permissionGranted('clipboard-sanitized-write', ourPage)).toBe(true);
    expect(permissionGranted('clipboard-sanitized-write', { requestingUrl: 'https://evil.example/' })).toBe(false);
  });

  it('lets our page write only where the user has just chosen to save (File System Access)', () => {
    expect(permissionGranted('fileSystem', { ...ourPage, filePath: '/home/directrice/Documents/Publipostage.xlsx' })).toBe(true);
    expect(permissionGranted('fileSystem', { requestingUrl: 'https://evil.example/', filePath: '/home/directrice/.bashrc' })).toBe(false);
    expect(permissionGranted('media', { ...ourPage, filePath: '/dev/video0' })).toBe(false);
  });

  it('lets the window load only our pages and in-page data', () => {
    expect(requestAllowed('app://sesame/assets/index.js')).toBe(true);
    expect(requestAllowed('data:image/png;base64,AAAA')).toBe(true);
    expect(requestAllowed('blob:app://sesame/1234')).toBe(true);
    for (const url of ['https://fonts.example/font.woff2', 'http://127.0.0.1:8080/', 'wss://tracker.example', 'file:///etc/hosts', 'app://autre/x.js']) {
      expect(requestAllowed(url), url).toBe(false);
    }
  });
});

describe('IPC sender check', () => {
  it('answers our own top-level page only', () => {
    expect(isTrustedSender({ url: 'app://sesame/index.html', parent: null })).toBe(true);
    expect(isTrustedSender({ url: 'app://sesame/index.html', parent: {} })).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'file:///tmp/page.html', parent: null })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
  });
});

describe('hardening applied to the session', () => {
  type Handler = (...args: unknown[]) => unknown;
  const handlers: Record<string, Handler> = {};
  const record = (name: string) => (handler: Handler) => {
    handlers[name] = handler;
  };
  hardenSession({
    setPermissionRequestHandler: record('request'),
    setPermissionCheckHandler: record('check'),
    setDevicePermissionHandler: record('device'),
    setDisplayMediaRequestHandler: record('display'),
    webRequest: { onBeforeRequest: record('beforeRequest') },
  } as never);

  it('denies every permission request and check, devices and screen capture', () => {
    const answers: unknown[] = [];
    handlers['request']?.(null, 'media', (granted: boolean) => answers.push(granted), { requestingUrl: 'app://sesame/index.html' });
    expect(answers).toEqual([false]);
    expect(handlers['check']?.(null, 'notifications', 'app://sesame', { requestingUrl: 'app://sesame/index.html' })).toBe(false);
    expect(handlers['device']?.({})).toBe(false);
    handlers['display']?.({}, (streams: unknown) => answers.push(streams));
    expect(answers[1]).toEqual({});
  });

  it('cancels every request that leaves the app', () => {
    const decisions: unknown[] = [];
    handlers['beforeRequest']?.({ url: 'https://analytics.example/collect' }, (response: unknown) => decisions.push(response));
    handlers['beforeRequest']?.({ url: 'app://sesame/index.html' }, (response: unknown) => decisions.push(response));
    expect(decisions).toEqual([{ cancel: true }, { cancel: false }]);
  });
});

describe('hardening applied to the window', () => {
  function hardenedWindow() {
    const contents = new EventEmitter() as EventEmitter & { openHandler?: (details: { url: string }) => unknown };
    const asked: string[] = [];
    hardenContents(
      Object.assign(contents, {
        setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
          contents.openHandler = handler;
        },
      }) as never,
      (url) => asked.push(url),
    );
    const navigate = (name: string, url: string, isSameDocument = false) => {
      let prevented = false;
      contents.emit(name, { url, isSameDocument, preventDefault: () => (prevented = true) });
      return prevented;
    };
    return { contents, asked, navigate };
  }

  it('refuses navigation away from the app and asks before opening a web link outside', () => {
    const { navigate, asked } = hardenedWindow();
    expect(navigate('will-frame-navigate', 'https://ent.example/')).toBe(true);
    expect(navigate('will-frame-navigate', 'file:///etc/passwd')).toBe(true);
    expect(navigate('will-redirect', 'https://ent.example/')).toBe(true);
    expect(navigate('will-frame-navigate', 'app://sesame/index.html#/utilisateurs', true)).toBe(false);
    expect(asked).toEqual(['https://ent.example/', 'https://ent.example/']);
  });

  it('refuses every new window and webview', () => {
    const { contents, navigate, asked } = hardenedWindow();
    expect(contents.openHandler?.({ url: 'https://ent.example/aide' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'app://sesame/index.html' })).toEqual({ action: 'deny' });
    expect(asked).toEqual(['https://ent.example/aide']);
    expect(navigate('will-attach-webview', 'https://ent.example/')).toBe(true);
  });
});
