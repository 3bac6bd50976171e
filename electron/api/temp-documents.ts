import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { CoreContext } from './context.ts';

/**
 * Generated PDFs handed to another application (the system PDF reader, the printer): they hold
 * activation codes, so they live in a folder only this user can read (0700, files 0600), and
 * not for long: removed an hour after being written (the reader has loaded them by then), all
 * at once when the app quits, and a previous session's leftovers (a crash) at the first use.
 */
export const tempFolderPrefix = 'sesame-documents-';
export const tempDocumentLifetimeMs = 60 * 60_000;

export interface TempDocumentsOptions {
  /** Where the private folder is made: the system's temp folder. */
  root?: string;
  lifetimeMs?: number;
}

/** A file name the reader can show: the document's own name, nothing that leaves the folder. */
function safeFileName(name: string): string {
  const cleaned = basename(name).replace(/[^\p{L}\p{N}._ -]+/gu, '-').replace(/^\.+/, '');
  return cleaned.toLowerCase().endsWith('.pdf') ? cleaned : `${cleaned || 'document'}.pdf`;
}

export class TempDocuments {
  readonly #root: string;
  readonly #lifetimeMs: number;
  #folder: string | null = null;
  #count = 0;
  /** Each file written, with when (the context's clock). */
  readonly #written = new Map<string, number>();

  constructor(options: TempDocumentsOptions = {}) {
    this.#root = options.root ?? tmpdir();
    this.#lifetimeMs = options.lifetimeMs ?? tempDocumentLifetimeMs;
  }

  /** The session's private folder, made on first use (after removing a previous session's). */
  get folder(): string {
    if (!this.#folder) {
      removeLeftovers(this.#root);
      // mkdtemp makes the folder 0700: other users of the machine cannot list or read it.
      this.#folder = mkdtempSync(join(this.#root, tempFolderPrefix));
    }
    return this.#folder;
  }

  /** Writes the PDF in a sub-folder of its own (a reader may still hold an older one of the same name); returns its path. */
  async write(fileName: string, bytes: Uint8Array, now: Date): Promise<string> {
    await this.sweep(now);
    const folder = join(this.folder, String(++this.#count));
    await mkdir(folder, { mode: 0o700 });
    const path = join(folder, safeFileName(fileName));
    await writeFile(path, bytes, { mode: 0o600, flag: 'wx' });
    this.#written.set(path, now.getTime());
    return path;
  }

  /** Removes one file now (printed, or never opened); a file a reader keeps locked stays for the next sweep. */
  async remove(path: string): Promise<void> {
    try {
      await rm(join(path, '..'), { recursive: true, force: true });
      this.#written.delete(path);
    } catch {
      // Locked by the reader (Windows): removed later.
    }
  }

  /** Removes the files written more than the lifetime ago. */
  async sweep(now: Date): Promise<void> {
    for (const [path, writtenAt] of [...this.#written]) {
      if (now.getTime() - writtenAt >= this.#lifetimeMs) await this.remove(path);
    }
  }

  /** The paths still on disk, oldest first. */
  get files(): string[] {
    return [...this.#written.keys()];
  }

  /** Removes the whole folder (the app quits): synchronous, so that it runs to the end. */
  dispose(): void {
    if (!this.#folder) return;
    try {
      rmSync(this.#folder, { recursive: true, force: true });
    } catch {
      // A reader still holds a file open: the next session removes the leftovers.
    }
    this.#folder = null;
    this.#written.clear();
  }
}

/** Removes the private folders of previous sessions (the app crashed, or a file was locked) that this user may remove. */
export function removeLeftovers(root: string): void {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(tempFolderPrefix)) continue;
    const path = join(root, name);
    try {
      if (statSync(path).isDirectory()) rmSync(path, { recursive: true, force: true });
    } catch {
      // Another user's folder, or a file still locked: not ours to force.
    }
  }
}

const stores = new WeakMap<CoreContext, TempDocuments>();

/** The session's store; `options` count only when it is made (tests give their own root first). */
export function tempDocumentsOf(context: CoreContext, options?: TempDocumentsOptions): TempDocuments {
  let store = stores.get(context);
  if (!store) {
    store = new TempDocuments(options);
    stores.set(context, store);
  }
  return store;
}

/** On quit: removes what the session handed to other applications. */
export function disposeTempDocuments(context: CoreContext): void {
  stores.get(context)?.dispose();
}
