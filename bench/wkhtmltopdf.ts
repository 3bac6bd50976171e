import Database from 'better-sqlite3-multiple-ciphers';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

/** wkhtmltopdf when the machine has it (`apt-get install wkhtmltopdf`): the bench compares with it, never needs it. */
export function hasWkhtmltopdf(): boolean {
  return spawnSync('wkhtmltopdf', ['--version'], { encoding: 'utf8' }).status === 0;
}

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The same cards as `sesame pdf --layout 8` (accounts of the ENT: name, class, login, code),
 * as the HTML page a wkhtmltopdf pipeline would print: 8 cards per A4 page.
 */
export function writeCardsHtml(schoolFile: string, htmlPath: string): number {
  const db = new Database(schoolFile, { readonly: true });
  const rows = db
    .prepare<[], { first_name: string; last_name: string; login: string; code: string | null; classes: string | null }>(
      `SELECT a.first_name, a.last_name, a.login, a.activation_code AS code,
              (SELECT group_concat(c.name, ', ') FROM account_class ac JOIN class c ON c.id = ac.class_id WHERE ac.account_id = a.id) AS classes
       FROM account a WHERE a.ent_status = 'known' ORDER BY a.sort_name`,
    )
    .all();
  db.close();
  const cards = rows.map(
    (row) =>
      `<div class="card"><h2>${escape(row.first_name)} ${escape(row.last_name)}</h2><p>${escape(row.classes ?? '')}</p>` +
      `<p>Identifiant : <code>${escape(row.login)}</code></p><p>Code d’activation : <code>${escape(row.code ?? 'activé')}</code></p>` +
      `<p>Connectez-vous sur l’ENT de l’école avec cet identifiant et ce code.</p></div>`,
  );
  const pages: string[] = [];
  for (let i = 0; i < cards.length; i += 8) pages.push(`<section>${cards.slice(i, i + 8).join('')}</section>`);
  writeFileSync(
    htmlPath,
    `<!doctype html><meta charset="utf-8"><style>
      body { margin: 0; font-family: sans-serif; font-size: 10pt; }
      section { page-break-after: always; height: 277mm; }
      .card { box-sizing: border-box; float: left; width: 50%; height: 25%; padding: 6mm; border: 0.2mm dashed #888; }
      h2 { font-size: 12pt; margin: 0 0 2mm; } code { font-family: monospace; font-size: 11pt; }
    </style>${pages.join('')}`,
  );
  return rows.length;
}
