import type { PeopleData } from '../records.ts';
import { at, attrOf, childrenNamed, textOf, type XmlElement } from '../xml.ts';
import { cleanName, missingNameMessage, optional } from './values.ts';

/**
 * SIECLE `ResponsablesAvecAdresses.xml`. ENT accounts go to legal representatives only:
 * `NIVEAU_RESPONSABILITE` 1, or before 2018 `RESP_LEGAL` 1 or 2 (0 = contact only). Whether
 * their children are still present is the planner's business (it knows the pupils).
 */
export function readSiecleGuardians(root: XmlElement): PeopleData {
  const donnees = at(root, 'DONNEES');
  const legalChildren = new Map<string, string[]>();
  for (const link of childrenNamed(at(donnees, 'RESPONSABLES'), 'RESPONSABLE_ELEVE')) {
    const level = textOf(link, 'NIVEAU_RESPONSABILITE');
    const legacy = textOf(link, 'RESP_LEGAL');
    const legal = level !== '' ? level === '1' : legacy === '1' || legacy === '2';
    if (!legal) continue;
    const personId = textOf(link, 'PERSONNE_ID');
    const pupilId = textOf(link, 'ELEVE_ID');
    if (!personId || !pupilId) continue;
    const list = legalChildren.get(personId);
    if (list) list.push(pupilId);
    else legalChildren.set(personId, [pupilId]);
  }

  const data: PeopleData = { records: [], errors: [], ignored: [], uai: optional(textOf(at(root, 'PARAMETRES'), 'UAJ')) };
  for (const person of childrenNamed(at(donnees, 'PERSONNES'), 'PERSONNE')) {
    const id = attrOf(person, 'PERSONNE_ID');
    const lastName = cleanName(textOf(person, 'NOM_USAGE')) || cleanName(textOf(person, 'NOM_DE_FAMILLE') || textOf(person, 'NOM'));
    const firstName = cleanName(textOf(person, 'PRENOM'));
    if (!id) {
      data.errors.push({ line: person.line, message: 'Responsable sans identifiant PERSONNE_ID : ignoré.' });
      continue;
    }
    if (!lastName || !firstName) {
      data.errors.push({ line: person.line, message: missingNameMessage });
      continue;
    }
    const children = legalChildren.get(id);
    if (!children) {
      data.ignored.push({ line: person.line, name: `${lastName} ${firstName}`, reason: 'Contact seulement, pas représentant légal : pas de compte ENT.' });
      continue;
    }
    data.records.push({
      line: person.line,
      profile: 'relative',
      lastName,
      firstName,
      externalId: id,
      email: optional(textOf(person, 'MEL')),
      phone: optional(textOf(person, 'TEL_PORTABLE') || textOf(person, 'TEL_PERSONNEL') || textOf(person, 'TEL_PROFESSIONNEL')),
      children: children.map((externalId) => ({ by: 'external-id', externalId })),
    });
  }
  return data;
}
