import { mappingFields, type ColumnMapping, type MappingField } from '../../../../shared/domain/imports.ts';
import { cell, normaliseHeader } from '../headers.ts';
import type { PeopleData, PersonRecord } from '../records.ts';
import type { Table } from '../table.ts';
import { birthDateOf, cleanName, missingNameMessage, optional, profileFromType, splitList, unknownTypeMessage } from './values.ts';

/** Header spellings met in consoles and hand-made sheets, normalised. */
const synonyms: Record<MappingField, readonly string[]> = {
  profile: ['type', 'profil', 'profile', 'categorie', 'typedecompte', 'typeutilisateur'],
  lastName: ['nom', 'nomdefamille', 'nomdusage', 'nomusage', 'nomeleve', 'lastname', 'surname'],
  firstName: ['prenom', 'prenomeleve', 'prenoms', 'firstname'],
  birthDate: ['datedenaissance', 'datenaissance', 'naissance', 'birthdate'],
  login: ['login', 'identifiant', 'identifiantent', 'loginent', 'username', 'nomdutilisateur', 'identifiantdeconnexion'],
  alias: ['alias', 'aliasdelogin', 'loginpersonnalise', 'loginpersonnalisealias'],
  activationCode: ['codedactivation', 'codeactivation', 'motdepasse', 'motdepasseprovisoire', 'motdepasseinitial', 'mdp', 'password', 'code'],
  email: ['courriel', 'email', 'mail', 'adressemail', 'adressecourriel', 'adresseelectronique', 'mel'],
  phone: ['telephone', 'telephoneportable', 'portable', 'mobile', 'tel'],
  classes: ['classes', 'classe', 'division', 'divisions', 'libelleclasse'],
  ine: ['ine', 'idnational', 'numeroine'],
  externalId: ['identifiantsiecle', 'idsiecle', 'eleveid', 'identifiantexterne', 'numeroeleve'],
};

/** A first guess from the header names; the director confirms or corrects it. */
export function suggestMapping(headers: readonly string[]): ColumnMapping {
  const normalised = headers.map(normaliseHeader);
  const used = new Set<number>();
  const columns: ColumnMapping['columns'] = {};
  for (const field of mappingFields) {
    for (const name of synonyms[field]) {
      const index = normalised.findIndex((header, position) => header === name && !used.has(position));
      if (index !== -1) {
        columns[field] = index;
        used.add(index);
        break;
      }
    }
  }
  return { columns, profile: null };
}

/** Rows of a mapped table as people, with the same rules as the dedicated readers. */
export function recordsFromTable(table: Table, mapping: ColumnMapping): PeopleData {
  const col = (field: MappingField) => mapping.columns[field] ?? -1;
  const data: PeopleData = { records: [], errors: [], ignored: [] };
  for (const row of table.rows) {
    const type = cell(row, col('profile'));
    const profile = mapping.columns.profile !== undefined ? profileFromType(type) : mapping.profile;
    if (!profile) {
      data.errors.push({ line: row.line, message: unknownTypeMessage(type) });
      continue;
    }
    const lastName = cleanName(cell(row, col('lastName')));
    const firstName = cleanName(cell(row, col('firstName')));
    if (!lastName || !firstName) {
      data.errors.push({ line: row.line, message: missingNameMessage });
      continue;
    }
    const record: PersonRecord = {
      line: row.line,
      profile,
      lastName,
      firstName,
      login: optional(cell(row, col('login'))),
      alias: optional(cell(row, col('alias'))),
      email: optional(cell(row, col('email'))),
      phone: optional(cell(row, col('phone'))),
      ine: optional(cell(row, col('ine'))),
      externalId: optional(cell(row, col('externalId'))),
      birthDate: birthDateOf(cell(row, col('birthDate')), row.line, data.errors),
    };
    // Consoles leave the code or password empty once the account is activated.
    if (mapping.columns.activationCode !== undefined) record.activationCode = optional(cell(row, col('activationCode'))) ?? null;
    const classes = splitList(cell(row, col('classes')));
    if (classes.length > 0) record.classes = classes.map((name) => ({ name }));
    data.records.push(record);
  }
  return data;
}
