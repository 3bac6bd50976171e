/** The longest values the ENT gives (FORMATS.md, Logins and codes), for the « never cut » checks. */
export const longCredentials = {
  /** `prenom.nom`, each part cut to 30 characters, then a collision suffix. */
  login: 'mariecharlottealexandrineberen.superlongnomdefamillequidepass2',
  /** An alias of 64 characters, dots and all. */
  dottedAlias: 'anne.sophie.de.la.tour.dauvergne.saint.exupery.montmorency.laval',
  /** An alias of 64 characters with no separator at all. */
  plainAlias: 'abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz01',
  /** An ENT address as printed (no scheme), near 100 characters. */
  url: 'ent.monlycee-auvergnerhonealpes-education.example.fr/connexion/espace-eleves-et-parents/accueil',
};
