import type { PeopleData } from '../records.ts';
import { attrOf, textOf, type XmlDocument, type XmlElement } from '../xml.ts';
import { numberIfOnSharedLines } from './positions.ts';
import { cleanName, missingNameMessage, optional } from './values.ts';

/** What a PERSONNE says, kept as the file is read (its legal links come after it). */
interface Person {
  line: number;
  id: string;
  lastName: string;
  firstName: string;
  email: string | undefined;
  phone: string | undefined;
}

/**
 * SIECLE `ResponsablesAvecAdresses.xml`. ENT accounts go to legal representatives only:
 * `NIVEAU_RESPONSABILITE` 1, or before 2018 `RESP_LEGAL` 1 or 2 (0 = contact only). Whether
 * their children are still present is the planner's business (it knows the pupils).
 */
export function readSiecleGuardians(xml: XmlDocument): PeopleData {
  const legalChildren = new Map<string, string[]>();
  const persons: Person[] = [];
  let parametres: XmlElement | undefined;
  xml.scan({
    PARAMETRES: (element) => (parametres ??= element),
    'DONNEES/RESPONSABLES/RESPONSABLE_ELEVE': (link) => {
      const level = textOf(link, 'NIVEAU_RESPONSABILITE');
      const legacy = textOf(link, 'RESP_LEGAL');
      const legal = level !== '' ? level === '1' : legacy === '1' || legacy === '2';
      if (!legal) return;
      const personId = textOf(link, 'PERSONNE_ID');
      const pupilId = textOf(link, 'ELEVE_ID');
      if (!personId || !pupilId) return;
      const list = legalChildren.get(personId);
      if (list) list.push(pupilId);
      else legalChildren.set(personId, [pupilId]);
    },
    'DONNEES/PERSONNES/PERSONNE': (person) =>
      persons.push({
        line: person.line,
        id: attrOf(person, 'PERSONNE_ID'),
        lastName: cleanName(textOf(person, 'NOM_USAGE')) || cleanName(textOf(person, 'NOM_DE_FAMILLE') || textOf(person, 'NOM')),
        firstName: cleanName(textOf(person, 'PRENOM')),
        email: optional(textOf(person, 'MEL')),
        phone: optional(textOf(person, 'TEL_PORTABLE') || textOf(person, 'TEL_PERSONNEL') || textOf(person, 'TEL_PROFESSIONNEL')),
      }),
  });

  const data: PeopleData = { records: [], errors: [], ignored: [], uai: optional(textOf(parametres, 'UAJ')) };
  const where = numberIfOnSharedLines(persons, 'Responsable');
  for (const person of persons) {
    const { line, id, lastName, firstName, email, phone } = person;
    if (!id) {
      data.errors.push({ line, message: `${where(person)}Responsable sans identifiant PERSONNE_ID : ignoré.` });
      continue;
    }
    if (!lastName || !firstName) {
      data.errors.push({ line, message: `${where(person)}${missingNameMessage}` });
      continue;
    }
    const children = legalChildren.get(id);
    if (!children) {
      data.ignored.push({ line, name: `${lastName} ${firstName}`, reason: `${where(person)}Contact seulement, pas représentant légal : pas de compte ENT.` });
      continue;
    }
    data.records.push({
      line,
      profile: 'relative',
      lastName,
      firstName,
      externalId: id,
      email,
      phone,
      children: children.map((externalId) => ({ by: 'external-id', externalId })),
    });
  }
  return data;
}
