import type { ImportWarning } from '../../../../shared/api/areas/imports.ts';
import { plural } from '../../../../shared/domain/wording.ts';
import type { PersonRecord } from '../records.ts';
import type { Person, World } from './world.ts';

/**
 * Another school's file that says nothing of its school (ONDE and ENT exports carry no UAI)
 * must not slip in: it is compared with what the school file already holds.
 *
 * The rule: a file without a UAI, of at least {@link minRecords} people, read into a school
 * file that already holds at least {@link minRecords} accounts, « clearly belongs elsewhere »
 * when fewer than {@link knownShare} of its people are accounts already there (by ENT id,
 * SIECLE id, INE, login or name, as the import matches them) and fewer than half of its class
 * names are classes already there. One school's files from one year to the next keep most of
 * their pupils and classes; another school's share almost none.
 */
const minRecords = 10;
const knownShare = 0.1;
const knownClassShare = 0.5;

interface FileAcquaintance {
  people: number;
  known: number;
  classes: Set<string>;
  knownClasses: Set<string>;
}

export class OtherSchoolCheck {
  readonly #world: World;
  readonly #accountsBefore: number;
  readonly #classesBefore: Set<string>;
  readonly #files = new Map<number, FileAcquaintance>();

  constructor(world: World) {
    this.#world = world;
    this.#accountsBefore = world.persons.filter((person) => person.before !== null).length;
    this.#classesBefore = new Set(world.classes.filter((schoolClass) => schoolClass.id !== null).map((schoolClass) => world.key(schoolClass.values.name)));
  }

  /** One record of a file, and the account it turned out to be (null: a new one). */
  note(fileIndex: number, record: PersonRecord, identified: Person | null): void {
    let file = this.#files.get(fileIndex);
    if (!file) {
      file = { people: 0, known: 0, classes: new Set(), knownClasses: new Set() };
      this.#files.set(fileIndex, file);
    }
    file.people++;
    if (identified?.before) file.known++;
    for (const ref of record.classes ?? []) {
      const key = this.#world.key(ref.name);
      file.classes.add(key);
      if (this.#classesBefore.has(key)) file.knownClasses.add(key);
    }
  }

  /** A warning for each file without a UAI that clearly comes from another school. */
  warnings(files: readonly { index: number; name: string; uai: string | null; refused: string | null }[]): ImportWarning[] {
    if (this.#accountsBefore < minRecords) return [];
    return files.flatMap((file) => {
      const seen = this.#files.get(file.index);
      if (file.uai || file.refused || !seen || seen.people < minRecords) return [];
      const fewKnown = seen.known < knownShare * seen.people;
      const fewClasses = seen.classes.size === 0 || seen.knownClasses.size < knownClassShare * seen.classes.size;
      if (!fewKnown || !fewClasses) return [];
      const classes = seen.classes.size > 0 ? `, et ${seen.knownClasses.size === 0 ? 'aucune' : `${seen.knownClasses.size} seulement`} de ses ${plural(seen.classes.size, 'classe')}` : '';
      return [
        {
          code: 'other-school' as const,
          file: file.name,
          message:
            `« ${file.name} » ne ressemble pas à un fichier de votre école : ${seen.known === 0 ? 'aucune' : `${seen.known} seulement`} des ${plural(seen.people, 'personne')} ` +
            `qu’il contient n’est déjà dans ce fichier d’école${classes}. Ce type de fichier ne dit pas de quel établissement il vient : ` +
            'vérifiez qu’il s’agit bien de votre école avant de confirmer.',
        },
      ];
    });
  }
}
