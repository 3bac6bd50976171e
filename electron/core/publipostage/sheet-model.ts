import type { AccountListItem, PersonRef } from '../../../shared/domain/account.ts';
import {
  compileTemplate,
  isSchoolWide,
  paragraphsOf,
  type AccountState,
  type Audience,
  type LetterText,
  type LetterTexts,
  type PlaceholderValues,
} from '../../../shared/domain/letters.ts';
import { profileLabels, type Profile } from '../../../shared/domain/profile.ts';
import type { SchoolSettings } from '../../../shared/domain/settings.ts';
import { filingClassOf } from './filing.ts';

/**
 * What one connection sheet says, whatever its layout: selection → sheet models (here, pure)
 * → layout → bytes. The PDF and the mail both read these.
 */
export interface TextBlock {
  text: string;
  /** Same text on every sheet of this kind (no personal placeholder): laid out once and reused. */
  shared: boolean;
}

export interface Sheet {
  accountId: number;
  audience: Audience;
  state: AccountState;
  profileLabel: string;
  firstName: string;
  lastName: string;
  /** « Emma MARTIN »: first name, then surname as stored. */
  displayName: string;
  /** « Classe : CP A », « Responsable de : Emma M. (CP A), Léo M. (CM1) », or null. */
  relation: string | null;
  /** A guardian's children in full, for whoever hands the sheets out: « Emma MARTIN (CP A) ». */
  children: string[];
  login: string;
  /** Null for an activated account: its sheet never shows a code. */
  activationCode: string | null;
  /** The class stack the sheet is filed under (filing.ts): its own first class, else its first child's, by default. */
  filingClass: string | null;
  subject: TextBlock;
  body: TextBlock[];
  steps: TextBlock[];
  closing: TextBlock[];
  card: TextBlock;
}

/** What every sheet of a batch shares: the school, its ENT, the place and date, the signature. */
export interface SheetFrame {
  schoolName: string;
  entName: string;
  /** The login address as typed in Paramètres. */
  entUrl: string;
  /** The address printed for people to type: no scheme, no trailing slash. */
  displayUrl: string;
  /** « Nice, le 1er septembre 2026 ». */
  placeDate: string;
  signature: string;
}

const audienceOf: Record<Profile, Audience> = {
  student: 'pupil',
  relative: 'parent',
  teacher: 'staff',
  personnel: 'staff',
  guest: 'staff',
};

const frenchDate = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** « 1er septembre 2026 » from an ISO day (AAAA-MM-JJ). */
export function longFrenchDate(isoDay: string): string {
  const formatted = frenchDate.format(new Date(`${isoDay}T12:00:00Z`));
  return formatted.replace(/^1 /, '1er ');
}

/** Already clean: words of printable Latin (precomposed accents only) separated by single spaces. */
const clean = /^(?:[\x21-\x7e\u00a1-\u024f]+ )*[\x21-\x7e\u00a1-\u024f]+$/;

/** Names as they must print: one space between words, no control characters, composed accents. */
export function cleanText(text: string): string {
  if (clean.test(text)) return text;
  return text
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function displayUrlOf(url: string): string {
  return url.trim().replace(/^https?:\/\//i, '').replace(/\/+$/, '');
}

export function sheetFrame(settings: SchoolSettings, isoDay: string): SheetFrame {
  const date = longFrenchDate(isoDay);
  const city = cleanText(settings.city);
  return {
    schoolName: cleanText(settings.schoolName),
    entName: cleanText(settings.entName),
    entUrl: settings.entUrl.trim(),
    displayUrl: displayUrlOf(settings.entUrl),
    placeDate: city ? `${city}, le ${date}` : `Le ${date}`,
    signature: cleanText(settings.signature),
  };
}

/** « Emma MARTIN (CP A) »: a child named in full, on the hand-out list. */
function childInFull(child: PersonRef): string {
  const name = [cleanText(child.firstName), cleanText(child.lastName)].filter(Boolean).join(' ');
  return child.classes.length ? `${name} (${child.classes.join(', ')})` : name;
}

/** « Emma M. (CP A) »: the consoles' short form of a child on a parent's sheet. */
export function childReference(child: PersonRef): string {
  const initial = [...cleanText(child.lastName)][0];
  const name = initial ? `${cleanText(child.firstName)} ${initial.toLocaleUpperCase('fr')}.` : cleanText(child.firstName);
  return child.classes.length ? `${name} (${child.classes.join(', ')})` : name;
}

function classesOf(account: AccountListItem): string[] {
  if (account.profile === 'relative') return [...new Set(account.children.flatMap((child) => child.classes))];
  return account.classes;
}

function relationOf(account: AccountListItem): string | null {
  if (account.profile === 'relative') {
    return account.children.length ? `Responsable de : ${account.children.map(childReference).join(', ')}` : null;
  }
  if (account.classes.length === 0) return null;
  return `${account.classes.length > 1 ? 'Classes' : 'Classe'} : ${account.classes.join(', ')}`;
}

export function placeholderValues(account: AccountListItem, frame: SheetFrame): PlaceholderValues {
  return {
    prenom: cleanText(account.firstName),
    nom: cleanText(account.lastName),
    classe: classesOf(account).join(', '),
    identifiant: account.login,
    code: account.activated ? '' : (account.activationCode ?? ''),
    url: frame.displayUrl,
    enfants: account.children.map(childReference).join(', '),
    ecole: frame.schoolName,
    ent: frame.entName,
  };
}

interface CompiledText {
  subject: CompiledBlock;
  body: CompiledBlock[];
  steps: CompiledBlock[];
  closing: CompiledBlock[];
  card: CompiledBlock;
}

interface CompiledBlock {
  fill: (values: PlaceholderValues) => string;
  shared: boolean;
}

const compile = (template: string): CompiledBlock => ({ fill: compileTemplate(template), shared: isSchoolWide(template) });

function compileText(text: LetterText): CompiledText {
  return {
    subject: compile(text.subject),
    body: paragraphsOf(text.body).map(compile),
    steps: text.steps.map((step) => compile(step.trim())),
    closing: paragraphsOf(text.closing).map(compile),
    card: compile(text.card.trim()),
  };
}

function fill(block: CompiledBlock, values: PlaceholderValues): TextBlock {
  return { text: block.fill(values), shared: block.shared };
}

function fillAll(blocks: CompiledBlock[], values: PlaceholderValues): TextBlock[] {
  return blocks.map((block) => fill(block, values)).filter((block) => block.text !== '');
}

/**
 * The sheet maker of one batch: texts are parsed once, then each account costs only its
 * placeholder values (a few thousand sheets a second would otherwise re-read every template).
 */
export function sheetBuilder(frame: SheetFrame, texts: LetterTexts): (account: AccountListItem, filingClass?: string | null) => Sheet {
  const compiled = new Map<string, CompiledText>();
  for (const audience of Object.keys(texts) as Audience[]) {
    for (const state of Object.keys(texts[audience]) as AccountState[]) {
      compiled.set(`${audience}|${state}`, compileText(texts[audience][state]));
    }
  }
  return (account, filingClass = filingClassOf(account)) => {
    const audience = audienceOf[account.profile];
    const activated = account.activated || !account.activationCode;
    const state: AccountState = activated ? 'activated' : 'notActivated';
    const text = compiled.get(`${audience}|${state}`) as CompiledText;
    const values = placeholderValues(account, frame);
    return {
      accountId: account.id,
      audience,
      state,
      profileLabel: profileLabels[account.profile],
      firstName: values.prenom,
      lastName: values.nom,
      displayName: [values.prenom, values.nom].filter(Boolean).join(' '),
      relation: relationOf(account),
      children: account.children.map(childInFull),
      login: account.login,
      activationCode: activated ? null : account.activationCode,
      filingClass,
      subject: fill(text.subject, values),
      body: fillAll(text.body, values),
      steps: fillAll(text.steps, values),
      closing: fillAll(text.closing, values),
      card: fill(text.card, values),
    };
  };
}

export function buildSheet(account: AccountListItem, frame: SheetFrame, texts: LetterTexts): Sheet {
  return sheetBuilder(frame, texts)(account);
}
