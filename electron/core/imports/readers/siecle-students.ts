import type { PeopleData } from '../records.ts';
import { attrOf, childrenNamed, textOf, type XmlDocument, type XmlElement } from '../xml.ts';
import { numberIfOnSharedLines } from './positions.ts';
import { birthDateOf, cleanName, missingNameMessage, optional } from './values.ts';

/** What an ELEVE says, kept as the file is read (the divisions come after it). */
interface Pupil {
  line: number;
  id: string;
  lastName: string;
  firstName: string;
  leftOn: string | undefined;
  ine: string | undefined;
  birthDate: string;
  email: string | undefined;
  mef: string | undefined;
}

/** SIECLE moves the pupils who left into this division: they are leavers, not a class. */
const isLeaversDivision = (code: string) => code.toLowerCase() === 'inactifs';
/** What the planner's message shows as the leaving date when the file gives none. */
const unknownLeavingDate = '?';

/**
 * SIECLE/BEE `ElevesSansAdresses.xml` (or `ElevesAvecAdresses.xml`). Files before 2016 say
 * `NOM` instead of `NOM_DE_FAMILLE`; `NOM_USAGE`, when given, is the name the pupil goes by.
 * Leavers (DATE_SORTIE, or the division « Inactifs ») come through flagged: the planner blocks a
 * known account and creates none; pupils without a division (groups only) are not imported.
 * A file without PARAMETRES/UAJ is read all the same: its school is then unknown.
 */
export function readSiecleStudents(xml: XmlDocument): PeopleData {
  // `DONNEES/STRUCTURES`: each pupil's division(s) — type D; groups (G) are not classes.
  const divisions = new Map<string, string[]>();
  const inactive = new Set<string>();
  const pupils: Pupil[] = [];
  let parametres: XmlElement | undefined;
  xml.scan({
    PARAMETRES: (element) => (parametres ??= element),
    'DONNEES/STRUCTURES/STRUCTURES_ELEVE': (structures) => {
      const pupilId = attrOf(structures, 'ELEVE_ID');
      for (const structure of childrenNamed(structures, 'STRUCTURE')) {
        const code = textOf(structure, 'CODE_STRUCTURE');
        if (textOf(structure, 'TYPE_STRUCTURE') !== 'D' || !code) continue;
        if (isLeaversDivision(code)) {
          inactive.add(pupilId);
          continue;
        }
        const list = divisions.get(pupilId);
        if (list) list.push(code);
        else divisions.set(pupilId, [code]);
      }
    },
    'DONNEES/ELEVES/ELEVE': (pupil) =>
      pupils.push({
        line: pupil.line,
        id: attrOf(pupil, 'ELEVE_ID'),
        lastName: cleanName(textOf(pupil, 'NOM_USAGE')) || cleanName(textOf(pupil, 'NOM_DE_FAMILLE') || textOf(pupil, 'NOM')),
        firstName: cleanName(textOf(pupil, 'PRENOM')),
        leftOn: optional(textOf(pupil, 'DATE_SORTIE')),
        ine: optional(textOf(pupil, 'ID_NATIONAL')),
        birthDate: textOf(pupil, 'DATE_NAISS'),
        email: optional(textOf(pupil, 'MEL')),
        mef: optional(textOf(pupil, 'CODE_MEF')),
      }),
  });

  const data: PeopleData = { records: [], errors: [], ignored: [], uai: optional(textOf(parametres, 'UAJ')) };
  const where = numberIfOnSharedLines(pupils, 'Élève');
  for (const pupil of pupils) {
    const { line, id, lastName, firstName } = pupil;
    if (!id) {
      data.errors.push({ line, message: `${where(pupil)}Élève sans identifiant ELEVE_ID : ignoré.` });
      continue;
    }
    if (!lastName || !firstName) {
      data.errors.push({ line, message: `${where(pupil)}${missingNameMessage}` });
      continue;
    }
    const leftOn = pupil.leftOn ?? (inactive.has(id) ? unknownLeavingDate : undefined);
    const classes = divisions.get(id) ?? [];
    if (!leftOn && classes.length === 0) {
      data.ignored.push({ line, name: `${lastName} ${firstName}`, reason: `${where(pupil)}Élève sans classe (division) dans l’export : non importé.` });
      continue;
    }
    data.records.push({
      line,
      profile: 'student',
      lastName,
      firstName,
      externalId: id,
      ine: pupil.ine,
      birthDate: birthDateOf(pupil.birthDate, line, data.errors, where(pupil)),
      email: pupil.email,
      mef: pupil.mef,
      ...(leftOn ? { leftOn } : { classes: classes.map((name) => ({ name })) }),
    });
  }
  return data;
}
