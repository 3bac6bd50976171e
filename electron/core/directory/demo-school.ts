import type { SchoolDb } from '../db/open.ts';
import { insertAccount, takenLogins, type NewAccount } from './accounts.ts';
import { attachToClass, insertClass, linkGuardian } from './classes.ts';
import { generateCode } from './codes.ts';
import { uniqueLogin } from './logins.ts';
import { writeSettings } from './settings.ts';
import type { Profile } from '../../../shared/domain/profile.ts';
import { seededRandom } from '../seeded-random.ts';

/**
 * « École de démonstration »: a realistic primary school to try everything on. Names and
 * structure come from a seeded generator (the same school every time); activation codes come
 * from the cryptographic RNG like real ones.
 */
const surnames = [
  'MARTIN', 'BERNARD', 'DUBOIS', 'THOMAS', 'ROBERT', 'RICHARD', 'PETIT', 'DURAND', 'LEROY', 'MOREAU',
  'SIMON', 'LAURENT', 'LEFÈBVRE', 'MICHEL', 'GARCIA', 'DAVID', 'BERTRAND', 'ROUX', 'VINCENT', 'FOURNIER',
  'MOREL', 'GIRARD', 'ANDRÉ', 'MERCIER', 'DUPONT', 'LAMBERT', 'BONNET', 'FRANÇOIS', 'MARTINEZ', 'LEGRAND',
  "D'ANGELO", "N'DIAYE", 'LE GOFF', 'DE LA FONTAINE', 'CŒUR', 'MARTIN-LEGRAND', 'NGUYỄN', 'WÓJCIK',
  'ŞAHIN', 'LØKKEN', 'DA COSTA', "O'BRIEN", 'BENOÎT', 'CHÂTEAU', 'FAURE-DUVAL', 'HAMIDI', 'TRAORÉ',
  'KOWALSKI', 'ÖZTÜRK', 'MÜLLER', 'ŁUKASIEWICZ', 'PHẠM', 'ROUSSEL', 'BLANC', 'GUÉRIN', 'BOYER', 'CHEVALIER',
];
const girls = [
  'Emma', 'Louise', 'Jade', 'Alice', 'Chloé', 'Léa', 'Manon', 'Zoé', 'Héloïse', 'Maëlle', 'Anaïs', 'Inès',
  'Léonie', 'Clémence', 'Agathe', 'Salomé', 'Éloïse', 'Noémie', 'Aïcha', 'Lina', 'Rose', 'Anna', 'Mélys',
  'Marie-Ange', 'Gaëlle', 'Ophélie', 'Thaïs', 'Zélie',
];
const boys = [
  'Gabriel', 'Raphaël', 'Léo', 'Louis', 'Noé', 'Jules', 'Arthur', 'Adam', 'Maël', 'Lucas', 'Hugo', 'Gaël',
  'Loïc', 'Théo', 'Nathan', 'Timothée', 'Anaël', 'Jean-Baptiste', 'Gaëtan', 'Éthan', 'Joël', 'Mathéo',
  'Benoît', 'Jean-Marc', 'Sacha', 'Ismaël', 'Côme', 'Yanis',
];
const adultFirstNames = [
  'Nathalie', 'Sandrine', 'Stéphanie', 'Céline', 'Virginie', 'Aurélie', 'Élodie', 'Sophie', 'Hélène', 'Isabelle',
  'Frédéric', 'Stéphane', 'Sébastien', 'Jérôme', 'Cédric', 'Grégory', 'François', 'Jérémy', 'Mickaël', 'Hervé',
  'Karima', 'Fatoumata', 'Thị Lan', 'Agnieszka', 'Ayşe', 'Olivier', 'Christophe', 'Loïc', 'Gwenaël', 'Anne-Sophie',
];

interface DemoClass {
  name: string;
  level: string;
  pupils: number;
  birthYear: number;
}

const demoClasses: DemoClass[] = [
  { name: 'PS-MS', level: 'PS,MS', pupils: 24, birthYear: 2022 },
  { name: 'GS', level: 'GS', pupils: 25, birthYear: 2020 },
  { name: 'CP A', level: 'CP', pupils: 22, birthYear: 2019 },
  { name: 'CP B', level: 'CP', pupils: 21, birthYear: 2019 },
  { name: 'CE1', level: 'CE1', pupils: 26, birthYear: 2018 },
  { name: 'CE2-CM1', level: 'CE2,CM1', pupils: 25, birthYear: 2016 },
  { name: 'CM1', level: 'CM1', pupils: 24, birthYear: 2015 },
  { name: 'CM2', level: 'CM2', pupils: 27, birthYear: 2014 },
];

/** Names the guides and tests look for, given to the first family of a class. */
const featuredPupils: Record<string, { firstName: string; lastName: string }> = {
  CE1: { firstName: 'Héloïse', lastName: 'LEFÈBVRE' },
  'CE2-CM1': { firstName: 'Łucja', lastName: 'WÓJCIK' },
  CM2: { firstName: 'Jean-Marc', lastName: "N'DIAYE" },
};

export const demoSchoolSettings = {
  schoolName: 'École de démonstration',
  uai: '0619999Z',
  city: 'Nice',
  entName: 'ONE',
  entUrl: 'https://ent.demonstration.example',
  signature: 'La directrice, Mme Hélène Garnier',
};

/** Families who arrived fewer days ago than this are not in the demo's ENT yet. */
const newcomerDays = 12;

export interface DemoSummary {
  accounts: number;
  classes: number;
}

/** Writes the demo school into an empty file, in one transaction. */
export function loadDemoSchool(db: SchoolDb, now: Date): DemoSummary {
  return generateSchool(db, now, 1);
}

/**
 * The demo school with its classes repeated `copies` times (« CP A », « CP A 2 »…): 40 copies
 * make a 20,000-account school for benchmarks.
 */
export function generateSchool(db: SchoolDb, now: Date, copies: number): DemoSummary {
  const random = seededRandom(20260901);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const chance = (probability: number) => random() < probability;
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
  const taken = takenLogins(db);
  let accounts = 0;

  // The demo plays its own ENT: it issued every account's code, but for the families who
  // arrived in the last days, known from ONDE only — the round trip with the ENT to try.
  const add = (
    profile: Profile,
    account: Omit<NewAccount, 'profile' | 'login' | 'activationCode' | 'source' | 'createdAt' | 'entStatus'>,
    options: { activated: boolean; createdDaysAgo: number },
  ) => {
    const login = uniqueLogin(account.firstName, account.lastName, (candidate) => taken.has(candidate));
    taken.add(login);
    accounts++;
    const inEnt = options.createdDaysAgo >= newcomerDays;
    return insertAccount(db, {
      ...account,
      profile,
      login,
      entStatus: inEnt ? 'known' : 'pending',
      activationCode: options.activated || !inEnt ? null : generateCode(),
      source: 'DEMO',
      externalId: `DEMO-${accounts}`,
      createdAt: daysAgo(options.createdDaysAgo),
    });
  };
  const emailOf = (first: string, last: string, domain: string) =>
    `${first}.${last}`.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z.]/g, '') + `@${domain}`;

  db.transaction(() => {
    writeSettings(db, demoSchoolSettings);
    const allClasses = Array.from({ length: copies }, (_, copy) =>
      demoClasses.map((demoClass) => ({ ...demoClass, name: copy === 0 ? demoClass.name : `${demoClass.name} ${copy + 1}` })),
    ).flat();
    const classIds = allClasses.map((demoClass) => insertClass(db, { name: demoClass.name, level: demoClass.level }));

    allClasses.forEach((demoClass, index) => {
      const classId = classIds[index] as number;
      let remaining = demoClass.pupils;
      let featured = featuredPupils[demoClass.name];
      while (remaining > 0) {
        // A family: one or two siblings in the class (siblings in other classes are not modelled).
        const familyName = featured?.lastName ?? pick(surnames);
        const siblings = Math.min(remaining, chance(0.15) ? 2 : 1);
        const newcomer = chance(0.12);
        const createdDaysAgo = newcomer ? 5 + Math.floor(random() * 60) : 400 + Math.floor(random() * 700);
        const childIds: number[] = [];
        for (let s = 0; s < siblings; s++) {
          const girl = chance(0.5);
          const month = 1 + Math.floor(random() * 12);
          const day = 1 + Math.floor(random() * 28);
          const childId = add(
            'student',
            {
              lastName: familyName,
              firstName: s === 0 && featured ? featured.firstName : pick(girl ? girls : boys),
              birthDate: `${demoClass.birthYear}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
            },
            { activated: !newcomer && chance(0.35), createdDaysAgo },
          );
          attachToClass(db, childId, classId);
          childIds.push(childId);
        }
        remaining -= siblings;
        featured = undefined;
        const guardianCount = chance(0.78) ? 2 : 1;
        for (let g = 0; g < guardianCount; g++) {
          const firstName = pick(adultFirstNames);
          const lastName = g === 1 && chance(0.3) ? pick(surnames) : familyName;
          const guardianId = add(
            'relative',
            {
              lastName,
              firstName,
              email: chance(0.62) ? emailOf(firstName, lastName, pick(['laposte.example', 'orange.example', 'free.example'])) : null,
              phone: chance(0.5) ? `06${String(Math.floor(random() * 1e8)).padStart(8, '0')}` : null,
            },
            { activated: !newcomer && chance(0.5), createdDaysAgo },
          );
          for (const childId of childIds) linkGuardian(db, guardianId, childId);
        }
      }
    });

    const staff: { first: string; last: string; profile: Profile; classes: number[]; admin?: boolean }[] = [
      { first: 'Hélène', last: 'GARNIER', profile: 'teacher', classes: [7], admin: true },
      { first: 'Julien', last: 'ROUX', profile: 'teacher', classes: [0] },
      { first: 'Claire', last: 'GIRARD', profile: 'teacher', classes: [1] },
      { first: 'Mathilde', last: 'ÉTIENNE', profile: 'teacher', classes: [2] },
      { first: 'Karim', last: 'BENSAÏD', profile: 'teacher', classes: [3] },
      { first: 'Sylvie', last: 'LE BRAS', profile: 'teacher', classes: [4] },
      { first: 'Maxime', last: 'DUPRÉ', profile: 'teacher', classes: [5, 6] },
      { first: 'Océane', last: "L'HÔTE", profile: 'teacher', classes: [6] },
      { first: 'Bruno', last: 'FERRAND', profile: 'teacher', classes: [2, 3, 4] },
      { first: 'Martine', last: 'COLIN', profile: 'personnel', classes: [] },
      { first: 'Yasmina', last: 'BELKACEM', profile: 'personnel', classes: [] },
      { first: 'Pierre', last: 'STAGIAIRE', profile: 'guest', classes: [] },
    ];
    for (const member of staff) {
      const id = add(
        member.profile,
        {
          lastName: member.last,
          firstName: member.first,
          email: member.profile === 'guest' ? null : emailOf(member.first, member.last, 'ac-nice.example'),
          localAdmin: member.admin ?? false,
        },
        { activated: member.profile === 'teacher' && member.first !== 'Océane', createdDaysAgo: member.profile === 'guest' ? 12 : 800 },
      );
      for (const index of member.classes) attachToClass(db, id, classIds[index] as number);
    }
  })();

  return { accounts, classes: demoClasses.length * copies };
}
