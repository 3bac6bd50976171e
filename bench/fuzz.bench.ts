import fc from 'fast-check';
import { csvDivergence, fileDivergence, table, type TextEncoding } from '../electron/test-support/csv-differential.ts';
import { divergence, scannerTree } from '../electron/test-support/xml-differential.ts';
import { document } from '../electron/test-support/xml-generator.ts';

/**
 * The differential fuzzing of the import readers at scale (`npm run bench -- fuzz`): generated
 * and mutated XML documents read by the scanner and by saxes, generated tables in six
 * encodings read by Sésame and by csv-parse. Prints the cases
 * tried and the divergences, each with the seed and index that bring it back. FUZZ_CASES and
 * FUZZ_SEED change the run.
 */
const cases = Number(process.env['FUZZ_CASES'] ?? 10_000);
const seed = Number(process.env['FUZZ_SEED'] ?? Date.now() % 2 ** 31);

function xmlRun(): number {
  let divergences = 0;
  let intact = 0;
  const documents = fc.sample(document, { seed, numRuns: cases });
  documents.forEach(({ tree, text, intact: unchanged }, index) => {
    let found: string | null;
    try {
      found = divergence(text);
      if (!found && unchanged) {
        intact++;
        const read = scannerTree(text);
        if (!read.ok || JSON.stringify(read.tree) !== JSON.stringify(tree)) found = 'an intact document did not read back to its tree';
      }
    } catch (error) {
      found = `crash: ${(error as Error).stack}`;
    }
    if (found) {
      divergences++;
      if (divergences <= 5) console.log(`  divergence (graine ${seed}, cas ${index}) : ${found}\n  document ${JSON.stringify(text)}`);
    }
  });
  console.log(`XML (analyseur maison contre saxes) : ${cases} cas essayés (dont ${intact} intacts), ${divergences} divergence(s), graine ${seed}`);
  return divergences;
}

const encodings: TextEncoding[] = ['utf-8', 'utf-8 BOM', 'utf-16le BOM', 'utf-16be BOM', 'windows-1252', 'iso-8859-15'];

function csvRun(): number {
  let divergences = 0;
  const tables = fc.sample(table, { seed, numRuns: cases });
  tables.forEach(({ text, delimiter }, index) => {
    let found: string | null;
    try {
      found = csvDivergence(text, delimiter) ?? fileDivergence(text, delimiter, encodings[index % encodings.length] as TextEncoding);
    } catch (error) {
      found = `crash: ${(error as Error).stack}`;
    }
    if (found) {
      divergences++;
      if (divergences <= 5) console.log(`  divergence (graine ${seed}, cas ${index}) : ${found}\n  texte ${JSON.stringify(text)}`);
    }
  });
  console.log(`CSV (lecteur maison contre csv-parse, 6 encodages) : ${cases} cas essayés, ${divergences} divergence(s), graine ${seed}`);
  return divergences;
}

process.exitCode = xmlRun() + csvRun() > 0 ? 1 : 0;
