import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSchool } from '../api/open-school.ts';
import { sessionRing } from '../core/db/cipher.ts';
import { parseRecoveryKey } from '../core/db/school-key.ts';
import { enableCompileCache } from '../core/compile-cache.ts';
import { defaultSchoolFile } from '../core/paths.ts';
import { smtpEnvironment } from '../core/publipostage/mail/settings.ts';
import { startHost } from './server.ts';

/** `npm run web`: the app in your browser, on 127.0.0.1 only. */
enableCompileCache();
const { values } = parseArgs({
  options: { db: { type: 'string' }, port: { type: 'string' }, 'key-file': { type: 'string' } },
});
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const schoolFile = values.db ?? defaultSchoolFile();
// The recovery key of an encrypted file (no system keychain in web mode): --key-file, else
// SESAME_KEY. Without one, an encrypted file opens locked and the page asks for the key.
const keyText = values['key-file'] ? readFileSync(values['key-file'], 'utf8') : process.env['SESAME_KEY'];
const keys = sessionRing(keyText?.trim() ? parseRecoveryKey(keyText) : null);
// SESAME_SMTP_URL / SESAME_SMTP_FROM: the mail server of this session, password included.
const context = await openSchool(schoolFile, {
  demoWhenEmpty: true,
  recoverable: true,
  dailyBackup: true,
  context: { smtpEnvironment: smtpEnvironment(process.env), keys },
});
const host = await startHost({
  context,
  staticDir: join(repoRoot, 'dist', 'renderer'),
  port: values.port ? Number(values.port) : 0,
});
console.log(`Sésame (mode web) — fichier d'école : ${schoolFile}`);
console.log(`Ouvrez cette adresse dans votre navigateur : ${host.url}`);
console.log('Ctrl+C pour arrêter.');
const stop = async () => {
  await host.close();
  context.db.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
