import { Columns, cell } from '../headers.ts';
import type { PeopleData } from '../records.ts';
import type { Table } from '../table.ts';
import { birthDateOf, cleanName, missingNameMessage, optional } from './values.ts';

/**
 * ONDE « CSVExtraction » of pupils. 2017+ headers (`Nom élève; Nom d'usage élève; Prénom élève;
 * … Niveau; Libellé classe; Identifiant classe`) and older BE1D ones (`Nom Elève; Prénom Elève;
 * Classe`, ISO dates) normalise to the same names. A multi-level class (CE2-CM1) has one
 * `Identifiant classe` and several `Niveau` values: it is one class.
 */
export function isOndeStudents(columns: Columns): boolean {
  return columns.has('nomeleve', 'prenomeleve');
}

export function readOndeStudents(table: Table): PeopleData {
  const columns = new Columns(table.headers);
  columns.require([
    { label: 'Nom élève', names: ['nomeleve'] },
    { label: 'Prénom élève', names: ['prenomeleve'] },
    { label: 'Libellé classe', names: ['libelleclasse', 'classe'] },
  ]);
  const col = {
    familyName: columns.index('nomeleve'),
    usageName: columns.index('nomdusageeleve', 'nomusageeleve'),
    firstName: columns.index('prenomeleve'),
    birthDate: columns.index('datenaissance', 'datedenaissance'),
    ine: columns.index('ine'),
    level: columns.index('niveau'),
    className: columns.index('libelleclasse', 'classe'),
    classCode: columns.index('identifiantclasse'),
  };
  const data: PeopleData = { records: [], errors: [], ignored: [] };
  for (const row of table.rows) {
    const lastName = cleanName(cell(row, col.usageName)) || cleanName(cell(row, col.familyName));
    const firstName = cleanName(cell(row, col.firstName));
    if (!lastName || !firstName) {
      data.errors.push({ line: row.line, message: missingNameMessage });
      continue;
    }
    const className = cleanName(cell(row, col.className));
    if (!className) {
      data.ignored.push({ line: row.line, name: `${lastName} ${firstName}`, reason: 'Élève sans classe dans l’export : non importé.' });
      continue;
    }
    const level = optional(cell(row, col.level));
    data.records.push({
      line: row.line,
      profile: 'student',
      lastName,
      firstName,
      ine: optional(cell(row, col.ine)),
      birthDate: birthDateOf(cell(row, col.birthDate), row.line, data.errors),
      classes: [{ name: className, code: optional(cell(row, col.classCode)), levels: level ? [level] : [] }],
    });
  }
  return data;
}
