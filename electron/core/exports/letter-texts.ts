import type { LetterAudience, MergeField } from '../../../shared/domain/exports.ts';
import { ofSchool } from '../../../shared/domain/elision.ts';
import type { SchoolSettings } from '../../../shared/domain/settings.ts';

/**
 * The wording of the Word letter templates. Paramètres does not hold editable letter texts yet
 * (shared/domain/settings.ts has the school's identity only), so these are Sésame's own French
 * texts, built from the school's name, ENT name and address; switch to the shared letter texts
 * once they exist so the PDF sheets and the Word letters say the same thing.
 */

/** A piece of letter text: plain words, or a merge field Word fills in. */
export type LetterPart = string | { field: MergeField; monospace?: boolean };
export type LetterLine = LetterPart[];

export interface LetterText {
  /** Under « À l'attention de «Prénom» «Nom» ». */
  recipientDetail: LetterLine;
  subject: string;
  greeting: string;
  introduction: string[];
  stepsTitle: string;
  steps: string[];
  /** Shown for every account: the letter cannot tell activated from not activated by itself. */
  alreadyActivated: string;
  security: string;
}

function entName(school: SchoolSettings): string {
  return school.entName.trim() || 'ENT';
}

function entAddress(school: SchoolSettings): string {
  return school.entUrl.trim() || 'l’adresse de l’ENT indiquée par l’établissement';
}

function schoolName(school: SchoolSettings): string {
  return school.schoolName.trim() || 'l’établissement';
}

export function letterText(audience: LetterAudience, school: SchoolSettings): LetterText {
  const ent = entName(school);
  const address = entAddress(school);
  const activationSteps = (you: 'tu' | 'vous') =>
    you === 'tu'
      ? [
          `Ouvre ton navigateur et va à l’adresse : ${address}.`,
          'Saisis ton identifiant et ton code d’activation, écrits ci-dessus.',
          'Choisis un mot de passe personnel, accepte la charte d’utilisation, puis garde ce mot de passe pour toi.',
        ]
      : [
          `Ouvrez votre navigateur à l’adresse : ${address}.`,
          'Saisissez votre identifiant et votre code d’activation, indiqués ci-dessus.',
          'Choisissez votre mot de passe personnel, acceptez la charte d’utilisation et, si vous le souhaitez, indiquez une adresse de courriel pour pouvoir le retrouver.',
        ];

  if (audience === 'students') {
    return {
      recipientDetail: ['Classe : ', { field: 'Classe' }],
      subject: `Objet : ton compte sur l’ENT ${ent}`,
      greeting: 'Bonjour,',
      introduction: [
        `Voici les informations qui te permettent de te connecter pour la première fois à l’ENT ${ent} ${ofSchool(schoolName(school))}.`,
      ],
      stepsTitle: 'Pour activer ton compte :',
      steps: activationSteps('tu'),
      alreadyActivated:
        'Si la case du code d’activation est vide, ton compte est déjà activé : connecte-toi avec ton mot de passe ou clique sur « Mot de passe oublié ».',
      security: 'Ton identifiant et ton code sont personnels : ne les donne à personne et range cette feuille en lieu sûr.',
    };
  }
  if (audience === 'relatives') {
    return {
      recipientDetail: ['Responsable de : ', { field: 'Enfants' }, ' (', { field: 'Classes_enfants' }, ')'],
      subject: `Objet : votre compte parent sur l’ENT ${ent}`,
      greeting: 'Madame, Monsieur,',
      introduction: [
        `${schoolName(school)} utilise l’ENT ${ent} pour suivre la vie de la classe, échanger avec l’équipe et consulter le cahier de textes.`,
        'Voici les informations qui vous permettent de vous connecter pour la première fois à votre compte de responsable.',
      ],
      stepsTitle: 'Pour activer votre compte :',
      steps: activationSteps('vous'),
      alreadyActivated:
        'Si la case du code d’activation est vide, votre compte est déjà activé : connectez-vous avec votre mot de passe ou utilisez « Mot de passe oublié ».',
      security: 'Ces informations sont personnelles : ne les communiquez pas, pas même à votre enfant, qui reçoit son propre compte.',
    };
  }
  return {
    recipientDetail: [{ field: 'Profil' }],
    subject: `Objet : votre compte sur l’ENT ${ent}`,
    greeting: 'Madame, Monsieur,',
    introduction: [`Voici les informations qui vous permettent de vous connecter pour la première fois à l’ENT ${ent} ${ofSchool(schoolName(school))}.`],
    stepsTitle: 'Pour activer votre compte :',
    steps: activationSteps('vous'),
    alreadyActivated:
      'Si la case du code d’activation est vide, votre compte est déjà activé : connectez-vous avec votre mot de passe ou utilisez « Mot de passe oublié ».',
    security: 'Ces informations sont personnelles : ne les communiquez à personne.',
  };
}
