import { Columns, cell } from '../headers.ts';
import type { ChildRef, PeopleData } from '../records.ts';
import { refuse } from '../refusal.ts';
import type { Table } from '../table.ts';
import { cleanName, missingNameMessage, optional } from './values.ts';

export function isOndeGuardians(columns: Columns): boolean {
  return columns.has('nomresponsable', 'nomusageresponsable') && columns.has('prenomresponsable');
}

type ChildField = 'usageName' | 'familyName' | 'firstName' | 'classes';
type ChildBlock = Partial<Record<ChildField, number>>;

const childFields: Record<string, ChildField> = {
  nomdusageenfant: 'usageName',
  nomusageenfant: 'usageName',
  nomdusageeleve: 'usageName',
  nomdefamilleenfant: 'familyName',
  nomdefamilleeleve: 'familyName',
  nomenfant: 'familyName',
  prenomenfant: 'firstName',
  prenomeleve: 'firstName',
  classesenfants: 'classes',
  classesenfant: 'classes',
  classeenfant: 'classes',
  classeseleves: 'classes',
  classeseleve: 'classes',
  classeeleve: 'classes',
};

/**
 * Up to three child blocks, spelt three ways: repeated `Nom d'usage enfant; Nom de famille
 * enfant; Prénom enfant; Classes enfants`, `Nom de famille élève; Prénom élève; Classes élèves`,
 * or numbered `… élève 1` … `… élève 3`. A repeated field opens the next block.
 */
function childBlocks(columns: Columns): ChildBlock[] {
  const numbered = new Map<number, ChildBlock>();
  const repeated: ChildBlock[] = [];
  columns.normalised.forEach((header, index) => {
    const match = /^(.*?)(\d*)$/.exec(header);
    const field = childFields[match?.[1] ?? ''];
    if (!field) return;
    const number = match?.[2] ? Number(match[2]) : null;
    if (number !== null) {
      const block = numbered.get(number) ?? {};
      block[field] ??= index;
      numbered.set(number, block);
      return;
    }
    const current = repeated[repeated.length - 1];
    if (!current || current[field] !== undefined) repeated.push({ [field]: index });
    else current[field] = index;
  });
  const blocks = [...repeated, ...[...numbered.entries()].sort(([a], [b]) => a - b).map(([, block]) => block)];
  return blocks.filter((block) => block.firstName !== undefined && (block.familyName !== undefined || block.usageName !== undefined));
}

/** ONDE guardians: one row per guardian, children by name and class (no identifiers). */
export function readOndeGuardians(table: Table): PeopleData {
  const columns = new Columns(table.headers);
  columns.require([
    { label: 'Nom responsable', names: ['nomresponsable', 'nomusageresponsable'] },
    { label: 'Prénom responsable', names: ['prenomresponsable'] },
  ]);
  const blocks = childBlocks(columns);
  if (blocks.length === 0) {
    refuse('Il manque les colonnes des enfants (« Nom de famille enfant », « Prénom enfant », « Classes enfants ») : le fichier ne peut pas être importé.');
  }
  const col = {
    usageName: columns.index('nomusageresponsable', 'nomdusageresponsable'),
    familyName: columns.index('nomresponsable'),
    firstName: columns.index('prenomresponsable'),
    address: columns.index('adresseresponsable'),
    postcode: columns.index('cpresponsable'),
    town: columns.index('communeresponsable'),
    email: columns.index('courriel', 'courrielresponsable'),
    phones: [columns.index('telephoneportable'), columns.index('telephonedomicile'), columns.index('telephonetravail')],
  };
  const data: PeopleData = { records: [], errors: [], ignored: [] };
  for (const row of table.rows) {
    const lastName = cleanName(cell(row, col.usageName)) || cleanName(cell(row, col.familyName));
    const firstName = cleanName(cell(row, col.firstName));
    if (!lastName || !firstName) {
      data.errors.push({ line: row.line, message: missingNameMessage });
      continue;
    }
    const children: ChildRef[] = [];
    for (const block of blocks) {
      const childFirst = cleanName(cell(row, block.firstName ?? -1));
      const lastNames = [cell(row, block.familyName ?? -1), cell(row, block.usageName ?? -1)].map(cleanName).filter(Boolean);
      if (!childFirst || lastNames.length === 0) continue;
      children.push({ by: 'name', lastNames, firstName: childFirst, className: optional(cleanName(cell(row, block.classes ?? -1))) ?? null });
    }
    if (children.length === 0) {
      data.ignored.push({ line: row.line, name: `${lastName} ${firstName}`, reason: 'Aucun enfant indiqué sur la ligne : responsable non importé.' });
      continue;
    }
    data.records.push({
      line: row.line,
      profile: 'relative',
      lastName,
      firstName,
      email: optional(cell(row, col.email)),
      phone: col.phones.map((index) => cell(row, index)).find(Boolean) || undefined,
      address: [col.address, col.postcode, col.town].map((index) => cleanName(cell(row, index))).join(' ').trim(),
      children,
    });
  }
  return data;
}
