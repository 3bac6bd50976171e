import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, truncateSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backupSchoolFile, listBackups } from './backup.ts';
import { fileEncryption, keyOf, MissingKeyError, noKeys, sessionRing, WrongKeyError } from './cipher.ts';
import { changeSchoolFileKey, encryptBackupFile } from './encryption.ts';
import { DamagedSchoolFileError } from './integrity.ts';
import { openSchoolFile } from './open.ts';
import { formatRecoveryKey, InvalidRecoveryKeyError, newSchoolKey, parseRecoveryKey } from './school-key.ts';
import { replaceSchoolFile } from '../school-file/replace.ts';
import { summariseSchoolFile } from '../school-file/summary.ts';

const dir = mkdtempSync(join(tmpdir(), 'sesame-encryption-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(dir, `ecole-${++n}.db`);
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const secretName = 'Zéphyrine-Quintessa';

async function schoolWithPupil(path: string, key: Buffer | null) {
  const db = await openSchoolFile(path, { keys: sessionRing(key) });
  db.prepare("INSERT INTO setting (key, value) VALUES ('schoolName', ?)").run(JSON.stringify(secretName));
  return db;
}

describe('the recovery key', () => {
  it('prints 256 bits as 14 groups of 4 characters that cannot be read two ways', () => {
    const key = newSchoolKey();
    const text = formatRecoveryKey(key);
    expect(text).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){13}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(parseRecoveryKey(text).equals(key)).toBe(true);
  });

  it('is read back whatever the case, spaces, and O/I/L typed for 0/1/1', () => {
    const key = newSchoolKey();
    const text = formatRecoveryKey(key);
    const typed = text.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
    expect(parseRecoveryKey(typed).equals(key)).toBe(true);
  });

  it('catches a character copied wrong before any file is tried', () => {
    const text = formatRecoveryKey(newSchoolKey());
    const wrong = (text[0] === 'A' ? 'B' : 'A') + text.slice(1);
    expect(() => parseRecoveryKey(wrong)).toThrow(InvalidRecoveryKeyError);
    expect(() => parseRecoveryKey(text.slice(0, -5))).toThrow(InvalidRecoveryKeyError);
  });
});

describe('an encrypted school file', () => {
  it('holds no name in its bytes, its WAL or its backups, and its backup opens with the same key', async () => {
    const path = fresh();
    const key = newSchoolKey();
    const db = await schoolWithPupil(path, key);
    expect(readFileSync(`${path}-wal`).includes(secretName)).toBe(false);
    const backup = await backupSchoolFile(db, path, 'manual');
    db.close();
    expect(fileEncryption(path)).toBe('encrypted');
    expect(readFileSync(path).includes(secretName)).toBe(false);
    expect(readFileSync(backup).includes(secretName)).toBe(false);
    expect(listBackups(path)[0]?.encrypted).toBe(true);
    expect(summariseSchoolFile(backup, sessionRing(key)).contents?.schoolName).toBe(secretName);
    expect(summariseSchoolFile(backup).problem).toMatch(/chiffrée avec une clé/);
  });

  it('is refused without its key (« clé manquante ») and with another key (« clé incorrecte »), byte for byte unchanged', async () => {
    const path = fresh();
    (await schoolWithPupil(path, newSchoolKey())).close();
    const before = sha(path);
    await expect(openSchoolFile(path)).rejects.toThrow(MissingKeyError);
    await expect(openSchoolFile(path, { keys: sessionRing(newSchoolKey()) })).rejects.toThrow(WrongKeyError);
    await expect(openSchoolFile(path, { keys: noKeys })).rejects.toThrow(/^Clé manquante/);
    expect(sha(path)).toBe(before);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('cut short is « endommagé », not a key problem', async () => {
    const path = fresh();
    const key = newSchoolKey();
    const db = await schoolWithPupil(path, key);
    db.close();
    truncateSync(path, Math.floor(statSync(path).size / 2));
    await expect(openSchoolFile(path, { keys: sessionRing(key) })).rejects.toThrow(DamagedSchoolFileError);
  });

  it('comes back from its backup with the same key', async () => {
    const path = fresh();
    const key = newSchoolKey();
    const db = await schoolWithPupil(path, key);
    const backup = await backupSchoolFile(db, path, 'manual');
    db.prepare("UPDATE setting SET value = '\"Autre\"' WHERE key = 'schoolName'").run();
    const { db: restored } = await replaceSchoolFile(db, path, backup, new Date(), sessionRing(key));
    expect(restored.prepare("SELECT value FROM setting WHERE key = 'schoolName'").pluck().get()).toBe(JSON.stringify(secretName));
    expect(keyOf(restored)?.equals(key)).toBe(true);
    restored.close();
    expect(fileEncryption(path)).toBe('encrypted');
  });
});

describe('converting a school file', () => {
  it('encrypts a plain file in place, shreds the plain backup it made, and lists the older plain ones', async () => {
    const path = fresh();
    const db = await schoolWithPupil(path, null);
    const older = await backupSchoolFile(db, path, 'manual', new Date('2025-01-01T10:00:00Z'));
    const key = newSchoolKey();
    const outcome = await changeSchoolFileKey(db, path, key, new Date());
    expect(outcome.backup).toBeNull();
    expect(outcome.plainBackups).toEqual([older]);
    expect(readFileSync(path).includes(secretName)).toBe(false);
    expect(listBackups(path).map((backup) => backup.path)).toEqual([older]);
    const reopened = await openSchoolFile(path, { keys: sessionRing(key) });
    reopened.close();

    encryptBackupFile(older, key);
    expect(readFileSync(older).includes(secretName)).toBe(false);
    expect(summariseSchoolFile(older, sessionRing(key)).contents?.schoolName).toBe(secretName);
  });

  it('re-keys and decrypts, keeping a backup under the old key each time', async () => {
    const path = fresh();
    const first = newSchoolKey();
    const second = newSchoolKey();
    const rekeyed = await changeSchoolFileKey(await schoolWithPupil(path, first), path, second, new Date('2025-02-01T10:00:00Z'));
    expect(summariseSchoolFile(rekeyed.backup as string, sessionRing(first)).problem).toBeNull();
    await expect(openSchoolFile(path, { keys: sessionRing(first) })).rejects.toThrow(WrongKeyError);
    const db = await openSchoolFile(path, { keys: sessionRing(second) });
    await changeSchoolFileKey(db, path, null, new Date('2025-02-02T10:00:00Z'));
    expect(fileEncryption(path)).toBe('plain');
    expect(readFileSync(path).includes(secretName)).toBe(true);
  });
});
