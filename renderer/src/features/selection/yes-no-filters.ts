import type { AccountFilter, YesNo } from '../../../../shared/domain/selection.ts';

/** The fields of the filter model that are answered yes, no, or left open (« Tous »). */
export type YesNoField = {
  [Field in keyof AccountFilter]-?: NonNullable<AccountFilter[Field]> extends YesNo ? Field : never;
}[keyof AccountFilter];

export interface YesNoWords {
  label: string;
  /** The open choice: the filter is off. */
  all: string;
  yes: string;
  no: string;
  /** The answer the director usually wants comes first (letters go to accounts not yet activated). */
  noFirst?: boolean;
}

export const yesNoWords: Record<YesNoField, YesNoWords> = {
  activated: { label: 'Activation', all: 'Tous les comptes', yes: 'Activés', no: 'Non activés', noFirst: true },
  email: { label: 'Courriel', all: 'Tous les comptes', yes: 'Avec adresse', no: 'Sans adresse' },
  localAdmin: { label: 'Administrateurs locaux', all: 'Tous', yes: 'Seulement eux', no: 'Les exclure' },
  blocked: { label: 'Comptes bloqués', all: 'Tous', yes: 'Seulement eux', no: 'Les exclure' },
  preDeleted: { label: 'Comptes pré-supprimés', all: 'Tous', yes: 'Seulement eux', no: 'Les exclure' },
  handedOut: { label: 'Fiches de connexion', all: 'Toutes', yes: 'Déjà remises', no: 'Pas encore remises' },
};
