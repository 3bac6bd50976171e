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

/**
 * Words that depend on the account's state. One letter serves every row of the workbook, so
 * Word chooses them per row: an IF field on the activation code, empty once the account is
 * activated (word-merge.ts), as the PDF switches between its two texts.
 */
export interface ByState {
  notActivated: string;
  activated: string;
}
export type LetterParagraph = string | ByState;

export interface LetterText {
  /** Under « À l'attention de «Prénom» «Nom» ». */
  recipientDetail: LetterLine;
  subject: string;
  greeting: string;
  introduction: LetterParagraph[];
  /** In the credentials box, for an activated account, instead of the (empty) code. */
  noCode: string;
  stepsTitle: ByState;
  /** First-connection steps and forgotten-password steps, paired line by line. */
  steps: ByState[];
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

function paired(notActivated: string[], activated: string[]): ByState[] {
  return Array.from({ length: Math.max(notActivated.length, activated.length) }, (_, index) => ({
    notActivated: notActivated[index] ?? '',
    activated: activated[index] ?? '',
  }));
}

export function letterText(audience: LetterAudience, school: SchoolSettings): LetterText {
  const ent = entName(school);
  const address = entAddress(school);
  const ofTheSchool = ofSchool(schoolName(school));
  const steps = (you: 'tu' | 'vous') =>
    you === 'tu'
      ? paired(
          [
            `Ouvre ton navigateur et va à l’adresse : ${address}.`,
            'Saisis ton identifiant et ton code d’activation, écrits ci-dessus.',
            'Choisis un mot de passe personnel, accepte la charte d’utilisation, puis garde ce mot de passe pour toi.',
          ],
          [
            `Va à l’adresse : ${address} et clique sur « Mot de passe oublié ».`,
            'Saisis ton identifiant, écrit ci-dessus, ou l’adresse de courriel du compte.',
            'Ouvre le courriel reçu et suis le lien pour choisir un nouveau mot de passe. Sans adresse de courriel sur le compte, demande un code de renouvellement à ton enseignant.',
          ],
        )
      : paired(
          [
            `Ouvrez votre navigateur à l’adresse : ${address}.`,
            'Saisissez votre identifiant et votre code d’activation, indiqués ci-dessus.',
            'Choisissez votre mot de passe personnel, acceptez la charte d’utilisation et, si vous le souhaitez, indiquez une adresse de courriel pour pouvoir le retrouver.',
          ],
          [
            `Rendez-vous à l’adresse : ${address} et cliquez sur « Mot de passe oublié ».`,
            'Saisissez votre identifiant, indiqué ci-dessus, ou l’adresse de courriel du compte.',
            'Ouvrez le courriel reçu et suivez le lien pour choisir un nouveau mot de passe. Sans adresse de courriel sur le compte, la direction peut vous remettre un code de renouvellement.',
          ],
        );
  const stepsTitle = (you: 'tu' | 'vous'): ByState =>
    you === 'tu'
      ? { notActivated: 'Pour activer ton compte :', activated: 'Si tu as oublié ton mot de passe :' }
      : { notActivated: 'Pour activer votre compte :', activated: 'Si vous avez oublié votre mot de passe :' };

  if (audience === 'students') {
    return {
      recipientDetail: ['Classe : ', { field: 'Classe' }],
      subject: `Objet : ton compte sur l’ENT ${ent}`,
      greeting: 'Bonjour,',
      introduction: [
        {
          notActivated: `Voici les informations qui te permettent de te connecter pour la première fois à l’ENT ${ent} ${ofTheSchool}.`,
          activated: `Ton compte sur l’ENT ${ent} ${ofTheSchool} est déjà activé : voici ton identifiant, à utiliser avec le mot de passe que tu as choisi.`,
        },
      ],
      noCode: 'aucun : ton compte est déjà activé',
      stepsTitle: stepsTitle('tu'),
      steps: steps('tu'),
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
        {
          notActivated: 'Voici les informations qui vous permettent de vous connecter pour la première fois à votre compte de responsable.',
          activated: 'Votre compte de responsable est déjà activé : voici votre identifiant, à utiliser avec le mot de passe que vous avez choisi.',
        },
      ],
      noCode: 'aucun : votre compte est déjà activé',
      stepsTitle: stepsTitle('vous'),
      steps: steps('vous'),
      security: 'Ces informations sont personnelles : ne les communiquez pas, pas même à votre enfant, qui reçoit son propre compte.',
    };
  }
  return {
    recipientDetail: [{ field: 'Profil' }],
    subject: `Objet : votre compte sur l’ENT ${ent}`,
    greeting: 'Madame, Monsieur,',
    introduction: [
      {
        notActivated: `Voici les informations qui vous permettent de vous connecter pour la première fois à l’ENT ${ent} ${ofTheSchool}.`,
        activated: `Votre compte sur l’ENT ${ent} ${ofTheSchool} est déjà activé : voici votre identifiant, à utiliser avec le mot de passe que vous avez choisi.`,
      },
    ],
    noCode: 'aucun : votre compte est déjà activé',
    stepsTitle: stepsTitle('vous'),
    steps: steps('vous'),
    security: 'Ces informations sont personnelles : ne les communiquez à personne.',
  };
}
