/**
 * The letters' placeholders, as the mail uses them. Stand-in for shared/domain/letters.ts of the
 * PDF work (same names, same rules): once both are on main, this file re-exports from there.
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

// Letters with accents too, so that a mistyped {prénom} is reported rather than printed as is.
const placeholderPattern = /\{([\p{L}\p{N}_]+)\}/gu;

export function placeholdersIn(template: string): string[] {
  return [...template.matchAll(placeholderPattern)].map((match) => match[1] as string);
}

export function unknownPlaceholders(template: string): string[] {
  return placeholdersIn(template).filter((name) => !Object.hasOwn(placeholders, name));
}

/** Replaces each known {placeholder}; an unknown one is left as typed. */
export function fillTemplate(template: string, values: Partial<PlaceholderValues>): string {
  return template.replace(placeholderPattern, (whole, name: string) =>
    Object.hasOwn(values, name) ? (values[name as Placeholder] ?? '') : whole,
  );
}
