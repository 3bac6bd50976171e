import type { SchoolApi } from '../../../shared/api/areas/school.ts';
import { latestVersion } from '../../core/db/migrate.ts';
import { countAccounts } from '../../core/directory/accounts.ts';
import { loadDemoSchool } from '../../core/directory/demo-school.ts';
import { writeJournal } from '../../core/directory/journal.ts';
import { readSettings, writeSettings } from '../../core/directory/settings.ts';
import { stmt } from '../../core/db/statements.ts';
import { deleteBackupsOf, eraseSchoolData } from '../../core/school-file/erase.ts';
import { UserError } from '../errors.ts';
import type { AreaHandlers } from './types.ts';
import type { CoreContext } from '../context.ts';
import { holdsDemoSchool } from '../../core/school-file/demo-replacement.ts';
import { identityToComplete } from '../../core/school-file/identity.ts';

/** Empties the school file's directory (accounts, classes, links) inside the caller's transaction. */
function clearDirectory(context: CoreContext): void {
  context.db.exec('DELETE FROM guardian_link; DELETE FROM account_class; DELETE FROM account; DELETE FROM class;');
}

export const schoolHandlers: AreaHandlers<SchoolApi> = {
  'school.info': ({ db, filePath }) => ({
    settings: readSettings(db),
    filePath,
    schemaVersion: latestVersion,
    accounts: countAccounts(db),
    classes: stmt<[], number>(db, 'SELECT count(*) FROM class').pluck().get() ?? 0,
    demo: holdsDemoSchool(db),
    identityMissing: identityToComplete(db),
  }),

  'school.updateSettings': (context, changes) => {
    const before = readSettings(context.db);
    context.db.transaction(() => {
      writeSettings(context.db, changes);
      writeJournal(context.db, { action: 'settings.update', summary: 'Paramètres de l’école modifiés', before, after: changes }, context.now(), context.actor);
    })();
    context.events.emit({ type: 'data-changed', area: 'settings' });
    return readSettings(context.db);
  },

  'school.loadDemo': (context, { replace }) => {
    if (!replace && countAccounts(context.db) > 0) {
      throw new UserError('conflict', 'Ce fichier d’école contient déjà des comptes : l’école de démonstration n’a pas été chargée.');
    }
    const summary = context.db.transaction(() => {
      if (replace) clearDirectory(context);
      const loaded = loadDemoSchool(context.db, context.now());
      writeJournal(context.db, { action: 'school.demo', summary: `École de démonstration chargée (${loaded.accounts} comptes)` }, context.now(), context.actor);
      return loaded;
    })();
    context.events.emit({ type: 'data-changed', area: 'school' });
    return summary;
  },

  'school.eraseAll': (context, { deleteBackups }) => {
    if (context.jobs.running > 0) {
      throw new UserError('conflict', 'Un travail est en cours (import, publipostage, envoi) : attendez sa fin ou annulez-le avant de tout effacer.');
    }
    const accounts = eraseSchoolData(context.db);
    const backupsDeleted = deleteBackups ? deleteBackupsOf(context.filePath) : 0;
    writeJournal(
      context.db,
      { action: 'school.eraseAll', summary: `Toutes les données de l’école effacées (${accounts} comptes${deleteBackups ? ', sauvegardes comprises' : ''})` },
      context.now(),
      context.actor,
    );
    context.events.emit({ type: 'data-changed', area: 'school' });
    return { accounts, backupsDeleted };
  },
};
