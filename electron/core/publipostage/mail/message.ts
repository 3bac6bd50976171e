import type { AccountListItem } from '../../../../shared/domain/account.ts';
import { fillTemplate, placeholdersIn, type PlaceholderValues } from '../../../../shared/domain/letters.ts';
import type { MailCase, MailTemplate } from '../../../../shared/domain/mail.ts';
import { placeholderValues, type SheetFrame } from '../sheet-model.ts';

/** What one recipient reads: the subject, the text part and its HTML twin. */
export interface RenderedMail {
  mailCase: MailCase;
  subject: string;
  text: string;
  html: string;
}

/** An account without a code to hand out gets the forgotten-password message, as on the letters. */
export function mailCaseOf(account: AccountListItem): MailCase {
  return account.activated || !account.activationCode ? 'activated' : 'notActivated';
}

const oneLine = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();

/**
 * The letters' placeholder values, except {url}: a mail keeps the address as typed in
 * Paramètres (with https://), so that mail programs show it as a link.
 */
export function mailPlaceholderValues(account: AccountListItem, frame: SheetFrame): PlaceholderValues {
  return { ...placeholderValues(account, frame), url: frame.entUrl };
}

/** Lines whose placeholders all came out empty are dropped; runs of blank lines collapse. */
function keptLines(body: string, values: PlaceholderValues): string[] {
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  const kept = lines.filter((line) => {
    const names = placeholdersIn(line);
    return names.length === 0 || names.some((name) => (values[name as keyof PlaceholderValues] ?? `{${name}}`) !== '');
  });
  return kept
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .split('\n');
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const codeStyle = "font-family:'JetBrains Mono',Consolas,'DejaVu Sans Mono',monospace;font-size:1.15em;letter-spacing:0.05em";

function hrefOf(url: string): string | null {
  const candidate = /^https?:\/\//i.test(url) ? url : `https://${url}`;
  try {
    const parsed = new URL(candidate);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** The values as HTML: escaped; login and code set apart in a monospaced font; the URL a link. */
function htmlValues(values: PlaceholderValues): PlaceholderValues {
  const escaped = Object.fromEntries(Object.entries(values).map(([name, value]) => [name, escapeHtml(value)])) as PlaceholderValues;
  const href = values.url ? hrefOf(values.url) : null;
  return {
    ...escaped,
    identifiant: `<strong style="${codeStyle}">${escaped.identifiant}</strong>`,
    code: values.code ? `<strong style="${codeStyle}">${escaped.code}</strong>` : '',
    url: href ? `<a href="${escapeHtml(href)}">${escaped.url}</a>` : escaped.url,
  };
}

function htmlBody(lines: string[], values: PlaceholderValues): string {
  const formatted = htmlValues(values);
  const paragraphs = lines
    .join('\n')
    .split(/\n\s*\n/)
    .map((paragraph) =>
      paragraph
        .split('\n')
        .map((line) => fillTemplate(escapeHtml(line), formatted))
        .join('<br>\n'),
    );
  return [
    '<!doctype html>',
    '<html lang="fr"><head><meta charset="utf-8"></head>',
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1b1b1b">',
    ...paragraphs.map((paragraph) => `<p>${paragraph}</p>`),
    '</body></html>',
  ].join('\n');
}

export function renderMail(template: MailTemplate, mailCase: MailCase, values: PlaceholderValues): RenderedMail {
  const lines = keptLines(template.body, values);
  return {
    mailCase,
    subject: oneLine(fillTemplate(template.subject, values)),
    text: lines.map((line) => fillTemplate(line, values)).join('\n'),
    html: htmlBody(lines, values),
  };
}
