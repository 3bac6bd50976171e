import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeXml } from './decode.ts';
import { samplesDir } from '../../test-support/import-files.ts';
import { divergence, referenceTree, scannerTree } from '../../test-support/xml-differential.ts';
import { document } from '../../test-support/xml-generator.ts';
import { layouts, serialise } from '../../test-support/xml-layouts.ts';

/**
 * The hand-written scanner against saxes, an independent parser: the same tree (names,
 * attributes, decoded text, order) or both refusing — for every sample in every layout tools
 * write, and for thousands of generated and mutated documents. `npm run bench -- fuzz` runs
 * the generated part at a larger scale.
 */
const sampleFiles = readdirSync(join(samplesDir, 'siecle')).filter((file) => file.endsWith('.xml'));
const sampleText = (file: string) => decodeXml(new Uint8Array(readFileSync(join(samplesDir, 'siecle', file)))).text;

describe('the XML scanner read against saxes', () => {
  it.each(sampleFiles)('given the sample %s as it is, then both read the same tree', (file) => {
    expect(divergence(sampleText(file))).toBeNull();
  });

  describe.each(Object.entries(layouts))('given every sample written as %s', (_layout, layout) => {
    it.each(sampleFiles)('%s reads back to the same tree', (file) => {
      const reference = referenceTree(sampleText(file));
      if (!reference.ok) throw new Error(reference.reason);
      const text = serialise(reference.tree, layout);
      expect(divergence(text)).toBeNull();
      expect(scannerTree(text)).toEqual(reference);
    });
  });

  it('given 2,000 generated documents, most of them mutated, then no divergence, no crash', () => {
    fc.assert(
      fc.property(document, ({ tree, text, intact }) => {
        const found = divergence(text);
        if (found) throw new Error(`${found}\n  document ${JSON.stringify(text)}`);
        if (intact) expect(scannerTree(text)).toEqual({ ok: true, tree });
      }),
      { numRuns: 2000 },
    );
  });
});
