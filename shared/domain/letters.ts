import { elidesBefore, joinElided, trailingElidable } from './elision.ts';
import { z } from './zod.ts';

/**
 * The letter texts of Paramètres, shared by the PDF publipostage and the mail: per audience
 * (pupils, parents, staff) and per account state (first connection, or already activated:
 * forgotten-password reminder). Every text may use the placeholders below.
 */
export const placeholders = {
  prenom: 'prénom',
  nom: 'nom',
  classe: 'classe (pour un parent : celles de ses enfants)',
  identifiant: 'identifiant de connexion',
  code: 'code d’activation',
  url: 'adresse de connexion à l’ENT',
  enfants: 'enfants d’un parent, par exemple « Emma A. (CP A), Léo A. (CM1) »',
  ecole: 'nom de l’école',
  ent: 'nom de l’ENT',
} as const;
export type Placeholder = keyof typeof placeholders;
export type PlaceholderValues = Record<Placeholder, string>;

/** Placeholders whose value is the same on every sheet: a text using only these is laid out once. */
const schoolWide: ReadonlySet<string> = new Set<Placeholder>(['url', 'ecole', 'ent']);

const placeholderPattern = /\{([a-zA-Z_]+)\}/g;

export function placeholdersIn(template: string): string[] {
  return [...template.matchAll(placeholderPattern)].map((match) => match[1] as string);
}

export function unknownPlaceholders(template: string): string[] {
  return placeholdersIn(template).filter((name) => !Object.hasOwn(placeholders, name));
}

/** True when the filled text is the same for every account (no personal placeholder). */
export function isSchoolWide(template: string): boolean {
  return placeholdersIn(template).every((name) => schoolWide.has(name));
}

/** Replaces each known {placeholder}; an unknown one is left as typed. */
export function fillTemplate(template: string, values: Partial<PlaceholderValues>): string {
  return compileTemplate(template)(values);
}

/** Placeholders holding names, elided after « de », « le », « la », « que » (elision.ts); logins, codes and addresses are not. */
const namePlaceholders: ReadonlySet<string> = new Set<Placeholder>(['prenom', 'nom', 'classe', 'enfants', 'ecole', 'ent']);

/** The word before a placeholder, then its value: « de » + « Alice » → « d’Alice », « de » + « École… » → « de l’École… ». */
function afterWord(word: string, name: string, value: string): string {
  if (value === '' || !namePlaceholders.has(name)) return `${word} ${value}`;
  if (name === 'ecole' && word.toLowerCase() === 'de') return `${word} ${elidesBefore(value) ? 'l’' : ''}${value}`;
  return joinElided(word, value);
}

/**
 * A template read once, filled many times (thousands of sheets): literal parts and
 * placeholder names alternate. A literal ending in an elidable word keeps it apart, so that
 * filling costs one test of the value's first letter.
 */
export function compileTemplate(template: string): (values: Partial<PlaceholderValues>) => string {
  const parts = template.split(placeholderPattern);
  if (parts.length === 1) return () => template;
  const literals: { text: string; word: string | null }[] = [];
  for (let i = 0; i < parts.length - 1; i += 2) {
    const literal = parts[i] as string;
    const trailing = trailingElidable(literal);
    literals.push(trailing ? { text: trailing.before, word: trailing.word } : { text: literal, word: null });
  }
  const last = parts[parts.length - 1] as string;
  return (values) => {
    let text = '';
    for (let i = 1; i < parts.length; i += 2) {
      const name = parts[i] as string;
      const { text: literal, word } = literals[(i - 1) / 2] as { text: string; word: string | null };
      const known = Object.hasOwn(values, name);
      const value = known ? (values[name as Placeholder] ?? '') : `{${name}}`;
      text += literal + (word === null ? value : known ? afterWord(word, name, value) : `${word} ${value}`);
    }
    return text + last;
  };
}

/** A text with placeholders, refused when it names one that does not exist. */
export const templateText = (max: number) =>
  z
    .string()
    .max(max)
    .superRefine((text, context) => {
      const unknown = unknownPlaceholders(text);
      if (unknown.length > 0) {
        context.addIssue({
          code: 'custom',
          message: `Champ inconnu : {${unknown[0]}}. Champs possibles : ${Object.keys(placeholders)
            .map((name) => `{${name}}`)
            .join(', ')}.`,
        });
      }
    });

export const letterTextSchema = z
  .object({
    /** After « Objet : » on letters; the mail subject. */
    subject: templateText(200),
    /** Paragraphs separated by a blank line. */
    body: templateText(1500),
    /** Numbered steps (first connection, or forgotten password). */
    steps: z.array(templateText(300)).max(6),
    /** Paragraphs after the steps, before the signature. */
    closing: templateText(800),
    /** The short note of an 8-per-page card. */
    card: templateText(240),
  })
  .strict();
export type LetterText = z.infer<typeof letterTextSchema>;

export const audiences = ['pupil', 'parent', 'staff'] as const;
export type Audience = (typeof audiences)[number];
export const audienceLabels: Record<Audience, string> = {
  pupil: 'Élèves',
  parent: 'Parents',
  staff: 'Enseignants et personnels',
};

export const accountStates = ['notActivated', 'activated'] as const;
export type AccountState = (typeof accountStates)[number];
export const accountStateLabels: Record<AccountState, string> = {
  notActivated: 'Compte non activé (première connexion)',
  activated: 'Compte déjà activé (mot de passe oublié)',
};

const letterPairSchema = z.object({ notActivated: letterTextSchema, activated: letterTextSchema }).strict();
export const letterTextsSchema = z.object({ pupil: letterPairSchema, parent: letterPairSchema, staff: letterPairSchema }).strict();
export type LetterTexts = z.infer<typeof letterTextsSchema>;

/** A change to some of the texts: whole texts, per audience and state. */
export const letterTextsChangeSchema = z
  .object({
    pupil: letterPairSchema.partial().optional(),
    parent: letterPairSchema.partial().optional(),
    staff: letterPairSchema.partial().optional(),
  })
  .strict();
export type LetterTextsChange = z.infer<typeof letterTextsChangeSchema>;

const firstConnectionSteps = (you: 'vous' | 'élève'): string[] =>
  you === 'vous'
    ? [
        'Rendez-vous sur {url} (ou scannez le QR code).',
        'Saisissez votre identifiant, puis votre code d’activation à la place du mot de passe.',
        'Choisissez votre mot de passe personnel (à saisir deux fois), indiquez votre adresse électronique et acceptez la charte d’utilisation.',
        'C’est fait : le code d’activation ne servira plus, gardez votre mot de passe pour vous.',
      ]
    : [
        'Rendez-vous sur {url} (ou scannez le QR code).',
        'Saisissez l’identifiant, puis le code d’activation à la place du mot de passe.',
        'Choisissez un mot de passe personnel (à saisir deux fois) et acceptez la charte d’utilisation.',
        'C’est fait : le code d’activation ne servira plus. Notez le mot de passe en lieu sûr.',
      ];

const forgottenPasswordSteps: string[] = [
  'Rendez-vous sur {url} et cliquez sur « Mot de passe oublié ».',
  'Saisissez l’identifiant ou l’adresse électronique du compte.',
  'Ouvrez le courriel reçu et suivez le lien pour choisir un nouveau mot de passe.',
];

const politeClosing = 'Je vous prie d’agréer, Madame, Monsieur, l’expression de mes salutations distinguées.';

export const defaultLetterTexts: LetterTexts = {
  pupil: {
    notActivated: {
      subject: 'Compte {ent} de {prenom} {nom}',
      body:
        'Bonjour,\n\n' +
        'Voici le compte personnel de {prenom} pour l’espace numérique de travail de l’établissement : ' +
        'cahier de textes, messagerie, actualités et ressources de la classe. Ce compte est réservé à l’élève ; ' +
        'chaque parent reçoit son propre compte.',
      steps: firstConnectionSteps('élève'),
      closing: 'Ce document est personnel : ne communiquez le code d’activation à personne.',
      card: 'Première connexion sur {url} : l’identifiant, puis le code d’activation à la place du mot de passe.',
    },
    activated: {
      subject: 'Compte {ent} de {prenom} {nom} : rappel de l’identifiant',
      body:
        'Bonjour,\n\n' +
        'Le compte de {prenom} est déjà activé : la connexion se fait avec l’identifiant ci-dessous ' +
        'et le mot de passe choisi lors de la première connexion.',
      steps: forgottenPasswordSteps,
      closing: 'Sans adresse électronique valide sur le compte, demandez un code de renouvellement à l’enseignant ou à la direction.',
      card: 'Compte déjà activé. Mot de passe oublié ? Cliquez sur « Mot de passe oublié » sur {url}.',
    },
  },
  parent: {
    notActivated: {
      subject: 'Votre compte de parent sur l’ENT {ent}',
      body:
        'Madame, Monsieur,\n\n' +
        'L’établissement utilise l’espace numérique de travail {ent} pour informer les familles : ' +
        'actualités de la classe, messagerie, cahier de textes. Voici votre compte personnel de parent ; ' +
        'il est distinct de celui de votre enfant.',
      steps: firstConnectionSteps('vous'),
      closing:
        'Conservez ce document. En cas d’oubli de votre mot de passe, cliquez sur « Mot de passe oublié » sur la page de connexion.\n\n' +
        politeClosing,
      card: 'Première connexion sur {url} : votre identifiant, puis votre code d’activation à la place du mot de passe.',
    },
    activated: {
      subject: 'Votre compte de parent sur l’ENT {ent} : rappel de l’identifiant',
      body:
        'Madame, Monsieur,\n\n' +
        'Votre compte {ent} est déjà activé : connectez-vous avec votre identifiant, rappelé ci-dessous, ' +
        'et le mot de passe que vous avez choisi.',
      steps: forgottenPasswordSteps,
      closing:
        'Si votre adresse électronique a changé, la direction peut vous remettre un code de renouvellement.\n\n' + politeClosing,
      card: 'Compte déjà activé. Mot de passe oublié ? Cliquez sur « Mot de passe oublié » sur {url}.',
    },
  },
  staff: {
    notActivated: {
      subject: 'Votre compte sur l’ENT {ent}',
      body:
        'Madame, Monsieur,\n\n' +
        'Voici votre compte personnel sur l’espace numérique de travail {ent} de l’établissement.',
      steps: firstConnectionSteps('vous'),
      closing: 'Conservez ce document. En cas d’oubli de votre mot de passe, cliquez sur « Mot de passe oublié » sur la page de connexion.',
      card: 'Première connexion sur {url} : votre identifiant, puis votre code d’activation à la place du mot de passe.',
    },
    activated: {
      subject: 'Votre compte sur l’ENT {ent} : rappel de l’identifiant',
      body:
        'Madame, Monsieur,\n\n' +
        'Votre compte {ent} est déjà activé : connectez-vous avec votre identifiant, rappelé ci-dessous, ' +
        'et le mot de passe que vous avez choisi.',
      steps: forgottenPasswordSteps,
      closing: 'Si votre adresse électronique a changé, la direction peut vous remettre un code de renouvellement.',
      card: 'Compte déjà activé. Mot de passe oublié ? Cliquez sur « Mot de passe oublié » sur {url}.',
    },
  },
};

/** Splits a text into paragraphs at blank lines; single line breaks stay inside a paragraph. */
export function paragraphsOf(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean);
}
