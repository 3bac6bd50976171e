import { Columns, cell } from '../headers.ts';
import type { ChildRef, PeopleData, PersonRecord } from '../records.ts';
import type { Table } from '../table.ts';
import { entAccount } from './ent-account.ts';
import { optional, splitList } from './values.ts';

/** ENT Core « Exporter des comptes » (export.csv): 16 columns, one row per account. */
export function isEntExport(columns: Columns): boolean {
  return columns.has('id') && columns.has('type') && columns.has('codedactivation');
}

export function readEntExport(table: Table): PeopleData {
  const columns = new Columns(table.headers);
  columns.require([
    { label: 'Id', names: ['id'] },
    { label: 'Type', names: ['type'] },
    { label: 'Nom', names: ['nom'] },
    { label: 'Prénom', names: ['prenom'] },
    { label: 'Identifiant', names: ['identifiant'] },
    { label: 'Code d’activation', names: ['codedactivation'] },
  ]);
  const col = {
    id: columns.index('id'),
    siecleId: columns.index('identifiantsiecle'),
    type: columns.index('type'),
    lastName: columns.index('nom'),
    firstName: columns.index('prenom'),
    login: columns.index('identifiant'),
    alias: columns.index('loginpersonnalisealias', 'loginpersonnalise', 'alias'),
    code: columns.index('codedactivation'),
    functions: columns.index('fonctions'),
    classes: columns.index('classes'),
    children: columns.index('enfants'),
    email: columns.index('courriel', 'email'),
    phone: columns.index('telephone'),
  };
  const data: PeopleData = { records: [], errors: [], ignored: [] };

  for (const row of table.rows) {
    const account = entAccount(row, col, 'Identifiant (login)', data.errors);
    if (!account) continue;
    const { profile } = account;
    const record: PersonRecord = {
      line: row.line,
      ...account,
      // An empty activation code means the account is activated (FORMATS.md).
      activationCode: optional(cell(row, col.code)) ?? null,
      entId: optional(cell(row, col.id)),
      externalId: optional(cell(row, col.siecleId)),
      alias: optional(cell(row, col.alias)),
      email: optional(cell(row, col.email)),
      phone: optional(cell(row, col.phone)),
    };
    if (col.functions !== -1) record.localAdmin = /ADMIN_LOCAL/i.test(cell(row, col.functions));
    const classes = splitList(cell(row, col.classes));
    if (classes.length > 0 && (profile === 'student' || profile === 'teacher')) record.classes = classes.map((name) => ({ name }));
    const children = splitList(cell(row, col.children));
    // « Enfants » holds "Prénom Nom"; the « Parents » column of pupils says the same from the other side.
    if (profile === 'relative' && children.length > 0) {
      record.children = children.map((fullName): ChildRef => ({ by: 'full-name', fullName }));
    }
    data.records.push(record);
  }
  return data;
}
