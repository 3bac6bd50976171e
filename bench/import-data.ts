import { seededRandom } from '../electron/core/seeded-random.ts';

/**
 * The import bench's generated files (deterministic): a SIECLE set of `pupils` pupils with
 * their guardians, addresses and nomenclature, and an ENT Core export of `rows` accounts.
 */
const random = seededRandom(20250901);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
const surnames = ['MARTIN', 'BERNARD', 'DUBOIS', 'THOMAS', 'ROBERT', 'RICHARD', 'PETIT', 'DURAND', 'LEROY', 'MOREAU', 'SIMON', 'LAURENT', 'LEFÈVRE', 'MICHEL', 'GARCIA', 'DAVID', 'BERTRAND', 'ROUX', 'VINCENT', 'FOURNIER', 'MOREL', 'GIRARD', 'ANDRÉ', 'MERCIER', 'DUPONT', 'LAMBERT', 'BONNET', 'FRANÇOIS', 'MARTINEZ', "D'ANGELO", "N'DIAYE", 'LE GOFF', 'DE LA FONTAINE', 'DA COSTA', 'GUÉRIN', 'BOYER', 'CHEVALIER', 'ROUSSEL', 'BLANC', 'HAMIDI'];
const firstNames = ['Emma', 'Louise', 'Jade', 'Alice', 'Chloé', 'Léa', 'Manon', 'Zoé', 'Inès', 'Maëlle', 'Gabriel', 'Raphaël', 'Léo', 'Louis', 'Noé', 'Jules', 'Arthur', 'Adam', 'Lucas', 'Hugo', 'Théo', 'Nathan', 'Éloïse', 'Anaïs', 'Gaëtan', 'Joël', 'Mathéo', 'Sacha', 'Côme', 'Yanis'];
const adults = ['Nathalie', 'Sandrine', 'Stéphanie', 'Céline', 'Virginie', 'Aurélie', 'Élodie', 'Sophie', 'Hélène', 'Isabelle', 'Frédéric', 'Stéphane', 'Sébastien', 'Jérôme', 'Cédric', 'Grégory', 'François', 'Jérémy', 'Mickaël', 'Hervé'];
const levels: [string, string][] = [['6', '10010012110'], ['5', '10110001110'], ['4', '10210001110'], ['3', '10310019110']];
const latin1 = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

export function siecleSet(pupils: number): Record<string, Uint8Array> {
  const eleves: string[] = [];
  const structures: string[] = [];
  const persons: string[] = [];
  const links: string[] = [];
  const addresses: string[] = [];
  let personId = 800_000;
  for (let i = 0; i < pupils; i++) {
    const id = 4_000_000 + i;
    const [level, mef] = levels[i % 4] as [string, string];
    const division = `${level}${String.fromCharCode(65 + (Math.floor(i / 4) % 26))}${Math.floor(i / 104) % 4}`;
    const last = pick(surnames);
    const left = random() < 0.01 ? '<DATE_SORTIE>15/10/2025</DATE_SORTIE>\n' : '';
    eleves.push(`<ELEVE ELEVE_ID="${id}" ELENOET="${i}">\n<ID_NATIONAL>${100000000 + i}A</ID_NATIONAL>\n<NOM_DE_FAMILLE>${last}</NOM_DE_FAMILLE>\n<NOM_USAGE>\n</NOM_USAGE>\n<PRENOM>${pick(firstNames)}</PRENOM>\n<DATE_NAISS>${String(1 + Math.floor(random() * 28)).padStart(2, '0')}/0${1 + Math.floor(random() * 9)}/2012</DATE_NAISS>\n<CODE_SEXE>1</CODE_SEXE>\n<CODE_MEF>${mef}</CODE_MEF>\n${left}<DATE_ENTREE>01/09/2025</DATE_ENTREE>\n</ELEVE>`);
    if (random() > 0.005) {
      structures.push(`<STRUCTURES_ELEVE ELEVE_ID="${id}">\n<STRUCTURE>\n<CODE_STRUCTURE>${division}</CODE_STRUCTURE>\n<TYPE_STRUCTURE>D</TYPE_STRUCTURE>\n</STRUCTURE>\n<STRUCTURE>\n<CODE_STRUCTURE>${level}LV2</CODE_STRUCTURE>\n<TYPE_STRUCTURE>G</TYPE_STRUCTURE>\n</STRUCTURE>\n</STRUCTURES_ELEVE>`);
    }
    const guardians = random() < 0.8 ? 2 : 1;
    for (let g = 0; g < guardians + (random() < 0.05 ? 1 : 0); g++) {
      const person = personId++;
      const level = g < guardians ? 1 : 3;
      persons.push(`<PERSONNE PERSONNE_ID="${person}">\n<LC_CIVILITE>${g === 0 ? 'MME' : 'M.'}</LC_CIVILITE>\n<NOM_DE_FAMILLE>${g === 1 && random() < 0.3 ? pick(surnames) : last}</NOM_DE_FAMILLE>\n<NOM_USAGE>\n</NOM_USAGE>\n<PRENOM>${pick(adults)}</PRENOM>\n<TEL_PORTABLE>07${String(person).padStart(8, '0')}</TEL_PORTABLE>\n<MEL>${random() < 0.6 ? `resp${person}@exemple.fr` : '\n'}</MEL>\n<ADRESSE_ID>${person}</ADRESSE_ID>\n</PERSONNE>`);
      links.push(`<RESPONSABLE_ELEVE>\n<ELEVE_ID>${id}</ELEVE_ID>\n<PERSONNE_ID>${person}</PERSONNE_ID>\n<NIVEAU_RESPONSABILITE>${level}</NIVEAU_RESPONSABILITE>\n<CODE_PARENTE>${g === 0 ? 20 : 10}</CODE_PARENTE>\n<PAIE_FRAIS_SCOLAIRES>0</PAIE_FRAIS_SCOLAIRES>\n</RESPONSABLE_ELEVE>`);
      addresses.push(`<ADRESSE ADRESSE_ID="${person}">\n<LIGNE1_ADRESSE>${1 + (person % 90)} RUE DU COLLÈGE</LIGNE1_ADRESSE>\n<CODE_POSTAL>61000</CODE_POSTAL>\n<LIBELLE_POSTAL>ALENCON</LIBELLE_POSTAL>\n<LL_PAYS>FRANCE</LL_PAYS>\n</ADRESSE>`);
    }
  }
  const head = (root: string) => `<?xml version="1.0" encoding="ISO-8859-15"?>\n<${root} VERSION="2.1">\n<PARAMETRES>\n<UAJ>0610999X</UAJ>\n<ANNEE_SCOLAIRE>2025</ANNEE_SCOLAIRE>\n</PARAMETRES>\n<DONNEES>\n`;
  return {
    'ElevesSansAdresses.xml': latin1(`${head('BEE_ELEVES')}<ELEVES>\n${eleves.join('\n')}\n</ELEVES>\n<STRUCTURES>\n${structures.join('\n')}\n</STRUCTURES>\n</DONNEES>\n</BEE_ELEVES>\n`),
    'ResponsablesAvecAdresses.xml': latin1(`${head('BEE_RESPONSABLES')}<PERSONNES>\n${persons.join('\n')}\n</PERSONNES>\n<RESPONSABLES>\n${links.join('\n')}\n</RESPONSABLES>\n<ADRESSES>\n${addresses.join('\n')}\n</ADRESSES>\n</DONNEES>\n</BEE_RESPONSABLES>\n`),
    'Nomenclature.xml': latin1(`${head('BEE_NOMENCLATURES')}<MEFS>\n${levels.map(([level, mef]) => `<MEF CODE_MEF="${mef}">\n<FORMATION>${level}EME</FORMATION>\n</MEF>`).join('\n')}\n</MEFS>\n</DONNEES>\n</BEE_NOMENCLATURES>\n`),
  };
}

export function entExport(rows: number): Record<string, Uint8Array> {
  const alphabet = 'abcdefghjkmnprstvwxyz3456789';
  const code = () => (random() < 0.45 ? '' : Array.from({ length: 8 }, () => pick([...alphabet])).join(''));
  const quote = (cells: string[]) => cells.map((cell) => `"${cell}"`).join(';');
  const lines = [quote(['Id', 'Identifiant SIECLE', 'Type', 'Nom', 'Prénom', 'Identifiant', 'Login personnalisé (Alias)', "Code d'activation", 'Fonctions', 'Établissements', 'Classes', 'Enfants', 'Parents', 'Dernière connexion', 'Courriel', 'Téléphone'])];
  const pupils: { first: string; last: string }[] = [];
  for (let i = 0; i < rows; i++) {
    const kind = i < rows * 0.45 ? 'Élève' : i < rows * 0.97 ? 'Parent' : i < rows * 0.995 ? 'Enseignant' : 'Personnel';
    // Few namesakes, as in a real school: compound surnames and first names.
    const last = `${pick(surnames)}-${pick(surnames)}`;
    const first = kind === 'Élève' ? `${pick(firstNames)}-${pick(firstNames)}` : pick(adults);
    const login = `${first}.${last}`.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z.]/g, '') + i;
    let classes = '';
    let children = '';
    if (kind === 'Élève') {
      pupils.push({ first, last });
      classes = `${pick(['6', '5', '4', '3'])}${String.fromCharCode(65 + (i % 26))}`;
    } else if (kind === 'Parent') {
      const child = pupils[(i * 7) % pupils.length] as { first: string; last: string };
      children = `${child.first} ${child.last}`;
    } else if (kind === 'Enseignant') {
      classes = '6A, 5B, 4C';
    }
    lines.push(quote([`X${i}`, kind === 'Élève' ? String(4_000_000 + i) : '', kind, last, first, login, '', code(), '', 'COLLEGE DU BANC', classes, children, '', '', random() < 0.4 ? `${login}@exemple.fr` : '', '']));
  }
  return { 'export.csv': new Uint8Array(Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8')) };
}
