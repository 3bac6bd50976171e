import type { PeopleData } from '../records.ts';
import { at, attrOf, childrenNamed, textOf, type XmlElement } from '../xml.ts';
import { birthDateOf, cleanName, missingNameMessage, optional } from './values.ts';

/** `DONNEES/STRUCTURES`: each pupil's division(s) — type D; groups (G) are not classes. */
function divisionsByPupil(donnees: XmlElement | undefined): Map<string, string[]> {
  const divisions = new Map<string, string[]>();
  for (const structures of childrenNamed(at(donnees, 'STRUCTURES'), 'STRUCTURES_ELEVE')) {
    const pupilId = attrOf(structures, 'ELEVE_ID');
    for (const structure of childrenNamed(structures, 'STRUCTURE')) {
      const code = textOf(structure, 'CODE_STRUCTURE');
      if (textOf(structure, 'TYPE_STRUCTURE') !== 'D' || !code) continue;
      const list = divisions.get(pupilId);
      if (list) list.push(code);
      else divisions.set(pupilId, [code]);
    }
  }
  return divisions;
}

/**
 * SIECLE/BEE `ElevesSansAdresses.xml` (or `ElevesAvecAdresses.xml`). Files before 2016 say
 * `NOM` instead of `NOM_DE_FAMILLE`. Leavers (DATE_SORTIE) come through flagged: the planner
 * blocks a known account and creates none; pupils without a division are not imported.
 */
export function readSiecleStudents(root: XmlElement): PeopleData {
  const donnees = at(root, 'DONNEES');
  const divisions = divisionsByPupil(donnees);
  const data: PeopleData = { records: [], errors: [], ignored: [], uai: optional(textOf(at(root, 'PARAMETRES'), 'UAJ')) };
  for (const pupil of childrenNamed(at(donnees, 'ELEVES'), 'ELEVE')) {
    const id = attrOf(pupil, 'ELEVE_ID');
    const lastName = cleanName(textOf(pupil, 'NOM_USAGE')) || cleanName(textOf(pupil, 'NOM_DE_FAMILLE') || textOf(pupil, 'NOM'));
    const firstName = cleanName(textOf(pupil, 'PRENOM'));
    if (!id) {
      data.errors.push({ line: pupil.line, message: 'Élève sans identifiant ELEVE_ID : ignoré.' });
      continue;
    }
    if (!lastName || !firstName) {
      data.errors.push({ line: pupil.line, message: missingNameMessage });
      continue;
    }
    const leftOn = optional(textOf(pupil, 'DATE_SORTIE'));
    const classes = divisions.get(id) ?? [];
    if (!leftOn && classes.length === 0) {
      data.ignored.push({ line: pupil.line, name: `${lastName} ${firstName}`, reason: 'Élève sans classe (division) dans l’export : non importé.' });
      continue;
    }
    data.records.push({
      line: pupil.line,
      profile: 'student',
      lastName,
      firstName,
      externalId: id,
      ine: optional(textOf(pupil, 'ID_NATIONAL')),
      birthDate: birthDateOf(textOf(pupil, 'DATE_NAISS'), pupil.line, data.errors),
      email: optional(textOf(pupil, 'MEL')),
      mef: optional(textOf(pupil, 'CODE_MEF')),
      ...(leftOn ? { leftOn } : { classes: classes.map((name) => ({ name })) }),
    });
  }
  return data;
}
