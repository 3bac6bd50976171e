import { Columns, cell } from '../headers.ts';
import type { PeopleData } from '../records.ts';
import type { Table } from '../table.ts';
import { entAccount } from './ent-account.ts';
import { optional } from './values.ts';

/** The console's class-level publipostage CSV: `Type; Nom; Prénom; Login; Alias de login; Code d'activation`. */
export function isEntClassExport(columns: Columns): boolean {
  return columns.has('type') && columns.has('login') && columns.has('codedactivation') && !columns.has('id');
}

export function readEntClassExport(table: Table): PeopleData {
  const columns = new Columns(table.headers);
  columns.require([
    { label: 'Type', names: ['type'] },
    { label: 'Nom', names: ['nom'] },
    { label: 'Prénom', names: ['prenom'] },
    { label: 'Login', names: ['login'] },
    { label: 'Code d’activation', names: ['codedactivation'] },
  ]);
  const col = {
    type: columns.index('type'),
    lastName: columns.index('nom'),
    firstName: columns.index('prenom'),
    login: columns.index('login'),
    alias: columns.index('aliasdelogin', 'alias'),
    code: columns.index('codedactivation'),
  };
  const data: PeopleData = { records: [], errors: [], ignored: [] };
  for (const row of table.rows) {
    const account = entAccount(row, col, 'Login', data.errors);
    if (!account) continue;
    data.records.push({ line: row.line, ...account, alias: optional(cell(row, col.alias)), activationCode: optional(cell(row, col.code)) ?? null });
  }
  return data;
}
