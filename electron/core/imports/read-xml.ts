import { decodeXml } from './decode.ts';
import type { ParsedFile, PeopleData } from './records.ts';
import { refuse } from './refusal.ts';
import { readSiecleGuardians } from './readers/siecle-guardians.ts';
import { readSiecleNomenclature } from './readers/siecle-nomenclature.ts';
import { readSiecleStudents } from './readers/siecle-students.ts';
import { readSts } from './readers/sts.ts';
import { people, recognised, type Reading } from './reading.ts';
import { parseXml, scanXml, type XmlDocument, type XmlLimits } from './xml.ts';

/** XML exports: their format is told from the root element. */
type XmlFormat = 'siecle-students' | 'siecle-guardians' | 'siecle-nomenclature' | 'sts';

const xmlReaders: Record<string, { format: XmlFormat; read(xml: XmlDocument): PeopleData; skip: string[] }> = {
  BEE_ELEVES: { format: 'siecle-students', read: readSiecleStudents, skip: ['ADRESSES'] },
  BEE_RESPONSABLES: { format: 'siecle-guardians', read: readSiecleGuardians, skip: ['ADRESSES'] },
  BEE_NOMENCLATURES: { format: 'siecle-nomenclature', read: readSiecleNomenclature, skip: [] },
  STS_EDT: { format: 'sts', read: readSts, skip: ['NOMENCLATURES'] },
};

/** The first element's name, looked for after the declaration and comments of the prolog. */
function rootName(text: string): string {
  const head = text.slice(0, 65_536).replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->/g, '');
  return /<([A-Za-z_][\w.:-]*)/.exec(head)?.[1] ?? '';
}

export function readXml(reading: Reading, bytes: Uint8Array): ParsedFile {
  const { text, encoding } = decodeXml(bytes);
  reading.encoding = encoding;
  const root = rootName(text);
  if (root === 'EDT_STS') {
    refuse(
      'Ce fichier est l’export d’un logiciel d’emploi du temps vers STS-Web (EDT_STS). Sésame attend l’export de STS-Web ' +
        'lui-même, le fichier sts_emp_UAI_année.xml.',
    );
  }
  const reader = xmlReaders[root];
  if (!reader) {
    refuse(`Ce fichier XML n’est pas un export reconnu (élément principal <${root.slice(0, 40)}>). Sésame lit les exports SIECLE (élèves, responsables, nomenclatures) et STS-Web.`);
  }
  recognised(reading, reader.format);
  const limits: XmlLimits = { maxElements: reading.limits.maxRows * 20, skip: new Set(reader.skip) };
  const data = reader.read({ root: () => parseXml(text, limits), scan: (visit) => scanXml(text, limits, visit) });
  return people(reading, reader.format, data, data.records.length + data.ignored.length + data.errors.length);
}
