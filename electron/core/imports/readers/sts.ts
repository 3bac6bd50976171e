import type { ClassRef, PeopleData } from '../records.ts';
import { at, attrOf, child, childrenNamed, textOf, type XmlDocument, type XmlElement } from '../xml.ts';
import { numberIfOnSharedLines } from './positions.ts';
import { cleanName, missingNameMessage, optional } from './values.ts';

/** `STRUCTURE/DIVISIONS/DIVISION@CODE/SERVICES/SERVICE/ENSEIGNANTS/ENSEIGNANT@ID`. */
function divisionsByTeacher(donnees: XmlElement | undefined): Map<string, Set<string>> {
  const taught = new Map<string, Set<string>>();
  for (const division of childrenNamed(at(donnees, 'STRUCTURE', 'DIVISIONS'), 'DIVISION')) {
    const code = attrOf(division, 'CODE');
    if (!code) continue;
    for (const service of childrenNamed(child(division, 'SERVICES'), 'SERVICE')) {
      for (const teacher of childrenNamed(child(service, 'ENSEIGNANTS'), 'ENSEIGNANT')) {
        const id = attrOf(teacher, 'ID');
        const set = taught.get(id) ?? new Set<string>();
        set.add(code);
        taught.set(id, set);
      }
    }
  }
  return taught;
}

/**
 * STS-Web `sts_emp_<UAI>_<année>.xml`: teachers (FONCTION ENS) and staff, the divisions each
 * teacher teaches and the ones they are professeur principal of. Division codes equal SIECLE's.
 */
export function readSts(xml: XmlDocument): PeopleData {
  const root = xml.root();
  const donnees = at(root, 'DONNEES');
  const taught = divisionsByTeacher(donnees);
  const uajElement = at(root, 'PARAMETRES', 'UAJ');
  const data: PeopleData = { records: [], errors: [], ignored: [], uai: optional(attrOf(uajElement, 'CODE') || (uajElement?.text ?? '')) };
  const individuals = childrenNamed(at(donnees, 'INDIVIDUS'), 'INDIVIDU');
  const where = numberIfOnSharedLines(individuals, 'Personne');
  for (const individual of individuals) {
    const id = attrOf(individual, 'ID');
    const lastName = cleanName(textOf(individual, 'NOM_USAGE') || textOf(individual, 'NOM_PATRONYMIQUE'));
    const firstName = cleanName(textOf(individual, 'PRENOM'));
    if (!id) {
      data.errors.push({ line: individual.line, message: `${where(individual)}Personne sans identifiant (ID) : ignorée.` });
      continue;
    }
    if (!lastName || !firstName) {
      data.errors.push({ line: individual.line, message: `${where(individual)}${missingNameMessage}` });
      continue;
    }
    const headOf = new Set(
      childrenNamed(child(individual, 'PROFS_PRINC'), 'PROF_PRINC')
        .map((principal) => textOf(principal, 'CODE_STRUCTURE'))
        .filter(Boolean),
    );
    const divisions = taught.get(id) ?? new Set<string>();
    const teacher = textOf(individual, 'FONCTION') === 'ENS' || divisions.size > 0;
    const classes: ClassRef[] = [...new Set([...divisions, ...headOf])].map((name) => ({ name, headTeacher: headOf.has(name) }));
    data.records.push({
      line: individual.line,
      profile: teacher ? 'teacher' : 'personnel',
      lastName,
      firstName,
      externalId: id,
      ...(teacher || classes.length > 0 ? { classes } : {}),
    });
  }
  return data;
}
