import { resolve } from 'node:path';
import { leftOutMessage } from '../../../shared/domain/distribution.ts';
import { sheetsPerPageValues, shrunkMessage, type SheetsPerPage } from '../../../shared/domain/publipostage.ts';
import { unwrap, type CliCommand } from '../command.ts';
import { filterFromOptions, filterOptions, sortFromOption } from '../filters.ts';
import { UsageError } from '../usage.ts';

function layoutFrom(value: string | undefined): SheetsPerPage {
  const layout = Number(value ?? '8');
  if (!(sheetsPerPageValues as readonly number[]).includes(layout)) throw new UsageError('--layout attend 1, 2 ou 8 (fiches par page).');
  return layout as SheetsPerPage;
}

/** `sesame pdf --layout 8 --out fiches.pdf --class CP A --activated no --sort class,profile`. */
export const pdfCommand: CliCommand = {
  options: {
    ...filterOptions,
    layout: { type: 'string' },
    out: { type: 'string' },
    'cover-pages': { type: 'boolean' },
    'hand-out-list': { type: 'boolean' },
    date: { type: 'string' },
  },
  async run({ api, out, err }, values) {
    const outPath = values['out'];
    if (typeof outPath !== 'string' || !outPath) throw new UsageError('--out FICHIER.pdf est obligatoire.');
    const date = values['date'] as string | undefined;
    const started = performance.now();
    const result = unwrap(
      await api.publipostage.generate({
        jobId: `cli-pdf-${process.pid}`,
        target: {
          kind: 'selection',
          selection: { filter: filterFromOptions(values as Record<string, string>), sort: sortFromOption(values['sort'] as string | undefined) },
        },
        options: {
          layout: layoutFrom(values['layout'] as string | undefined),
          coverPages: values['cover-pages'] === true,
          handOutList: values['hand-out-list'] === true,
          ...(date === undefined ? {} : { date }),
        },
        outPath: resolve(outPath),
        keep: false,
      }),
    );
    const seconds = ((performance.now() - started) / 1000).toFixed(1).replace('.', ',');
    const size = `${Math.max(1, Math.round(result.bytes / 1024))} Ko`;
    out(`PDF enregistré : ${result.savedTo} — ${result.sheets} fiches, ${result.pages} pages, ${size}, en ${seconds} s.`);
    const shrunk = shrunkMessage(result.shrunk);
    if (shrunk) out(shrunk);
    const leftOut = leftOutMessage(result.leftOut);
    if (leftOut) err(`Attention : ${leftOut}`);
  },
};
