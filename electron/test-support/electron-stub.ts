import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';

/*
 * A stand-in for the `electron` module, just enough to run the bundled main process
 * (dist/electron/main.js) in plain Node: the Electron binary cannot be downloaded here. It records
 * what the main process asks of Electron (the window's options, the protocol and IPC handlers,
 * the menu) and answers the OS dialogs, shell and safeStorage as a test decides.
 * Loaded in place of `electron` by main-bundle-driver.ts; see electron/main/main-bundle.test.ts.
 */

type Listener = (...args: unknown[]) => unknown;

class Contents extends EventEmitter {
  readonly sent: { channel: string; event: unknown }[] = [];
  windowOpenHandler: ((details: { url: string }) => unknown) | null = null;
  isDestroyed(): boolean {
    return false;
  }
  send(channel: string, event: unknown): void {
    this.sent.push({ channel, event });
  }
  setWindowOpenHandler(handler: (details: { url: string }) => unknown): void {
    this.windowOpenHandler = handler;
  }
}

class App extends EventEmitter {
  readonly calls: string[] = [];
  isPackaged = true;
  userData = '';
  documents = '';
  readonly recentDocuments: string[] = [];
  #ready: () => void = () => undefined;
  readonly #readyPromise = new Promise<void>((resolve) => {
    this.#ready = resolve;
  });
  enableSandbox(): void {
    this.calls.push('enableSandbox');
  }
  requestSingleInstanceLock(): boolean {
    return true;
  }
  whenReady(): Promise<void> {
    return this.#readyPromise;
  }
  /** The test's « app ready ». */
  becomeReady(): void {
    this.calls.push('ready');
    this.#ready();
  }
  getPath(name: string): string {
    if (name === 'userData') return this.userData;
    if (name === 'documents') return this.documents;
    throw new Error(`getPath(${name}) is not stubbed`);
  }
  addRecentDocument(path: string): void {
    this.recentDocuments.push(path);
  }
  quit(): void {
    this.calls.push('quit');
  }
  exit(code: number): void {
    this.calls.push(`exit ${code}`);
  }
}

export const app = new App();

export class BrowserWindow extends EventEmitter {
  static readonly all: BrowserWindow[] = [];
  readonly webContents = new Contents();
  readonly options: Record<string, unknown>;
  loadedUrl: string | null = null;
  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
    BrowserWindow.all.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  maximize(): void {}
  show(): void {}
  focus(): void {}
  restore(): void {}
  isMinimized(): boolean {
    return false;
  }
  isMaximized(): boolean {
    return false;
  }
  getNormalBounds() {
    return { x: 0, y: 0, width: 1280, height: 800 };
  }
}

/** Answers of the OS dialogs, in the order a test expects them. */
export const dialog = {
  saveAnswers: [] as { canceled: boolean; filePath?: string }[],
  openAnswers: [] as { canceled: boolean; filePaths: string[] }[],
  messages: [] as unknown[],
  errors: [] as string[],
  async showSaveDialog(..._args: unknown[]) {
    return dialog.saveAnswers.shift() ?? { canceled: true };
  },
  async showOpenDialog(..._args: unknown[]) {
    return dialog.openAnswers.shift() ?? { canceled: true, filePaths: [] };
  },
  async showMessageBox(...args: unknown[]) {
    dialog.messages.push(args.at(-1));
    return { response: 1 };
  },
  showErrorBox(title: string, content: string): void {
    dialog.errors.push(`${title}: ${content}`);
  },
};

export const ipcMain = {
  handlers: new Map<string, Listener>(),
  handle(channel: string, handler: Listener): void {
    ipcMain.handlers.set(channel, handler);
  },
};

export const Menu = {
  current: null as unknown,
  buildFromTemplate: (template: unknown) => ({ template }),
  setApplicationMenu(menu: unknown): void {
    Menu.current = menu;
  },
};

export const protocol = {
  privileged: [] as unknown[],
  handlers: new Map<string, (request: Request) => Promise<Response>>(),
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    if (app.calls.includes('ready')) throw new Error('registerSchemesAsPrivileged after ready');
    protocol.privileged.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void {
    protocol.handlers.set(scheme, handler);
  },
};

export const screen = {
  getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
};

export const session = {
  defaultSession: {
    handlers: new Map<string, Listener>(),
    setPermissionRequestHandler(handler: Listener) {
      this.handlers.set('permissionRequest', handler);
    },
    setPermissionCheckHandler(handler: Listener) {
      this.handlers.set('permissionCheck', handler);
    },
    setDevicePermissionHandler(handler: Listener) {
      this.handlers.set('devicePermission', handler);
    },
    setDisplayMediaRequestHandler(handler: Listener) {
      this.handlers.set('displayMedia', handler);
    },
    webRequest: {
      onBeforeRequest(handler: Listener) {
        session.defaultSession.handlers.set('beforeRequest', handler);
      },
    },
  },
};

/** safeStorage with a reversible « encryption » the test can recognise, and a switch for availability. */
export const safeStorage = {
  available: true,
  backend: 'gnome_libsecret' as 'unknown' | 'gnome_libsecret' | 'basic_text' | 'kwallet' | 'kwallet5' | 'kwallet6',
  encrypted: 0,
  isEncryptionAvailable: () => app.calls.includes('ready') && safeStorage.available,
  getSelectedStorageBackend: () => safeStorage.backend,
  encryptString(plain: string): Buffer {
    safeStorage.encrypted++;
    return Buffer.from(`scellé:${Buffer.from(plain, 'utf8').toString('hex')}`);
  },
  decryptString(sealed: Buffer): string {
    const text = sealed.toString('utf8');
    if (!text.startsWith('scellé:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(text.slice('scellé:'.length), 'hex').toString('utf8');
  },
};

export const shell = {
  opened: [] as { path: string; bytes: Buffer }[],
  openPathAnswer: '',
  async openPath(path: string): Promise<string> {
    // What the system reader finds at that path when it opens it.
    shell.opened.push({ path, bytes: readFileSync(path) });
    return shell.openPathAnswer;
  },
  async openExternal(): Promise<void> {},
  showItemInFolder(): void {},
};

export default { app, BrowserWindow, dialog, ipcMain, Menu, protocol, screen, session, safeStorage, shell };
