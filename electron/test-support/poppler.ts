import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Poppler's command-line tools on a PDF held in memory: the checks of the publipostage issue. */
export class PopplerFile {
  readonly dir = mkdtempSync(join(tmpdir(), 'sesame-pdf-test-'));
  readonly path: string;

  constructor(bytes: Uint8Array) {
    this.path = join(this.dir, 'fiches.pdf');
    writeFileSync(this.path, bytes);
  }

  /** The text in reading order (-layout keeps each card's lines apart). */
  text(...args: string[]): string {
    return execFileSync('pdftotext', [...args, this.path, '-'], { encoding: 'utf8' });
  }

  pageCount(): number {
    const info = execFileSync('pdfinfo', [this.path], { encoding: 'utf8' });
    return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  }

  fonts(): { name: string; type: string; embedded: boolean; subset: boolean; unicode: boolean }[] {
    const lines = execFileSync('pdffonts', [this.path], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    return lines.map((line) => {
      const columns = line.trim().split(/\s+/);
      const [emb, sub, uni] = columns.slice(-5, -2);
      return { name: columns[0] as string, type: columns.slice(1, 3).join(' '), embedded: emb === 'yes', subset: sub === 'yes', unicode: uni === 'yes' };
    });
  }

  /** Renders every page to PNG; returns poppler's messages (empty when all is well) and the files. */
  render(resolution = 40): { messages: string; pages: string[] } {
    const result = spawnSync('pdftoppm', ['-r', String(resolution), '-png', this.path, join(this.dir, 'page')], { encoding: 'utf8' });
    return { messages: `${result.stderr}${result.error ? String(result.error) : ''}`, pages: readdirSync(this.dir).filter((file) => file.endsWith('.png')) };
  }

  /** Every word with its box, in points from the top left of its page (pdftotext -bbox). */
  words(): { page: number; text: string; xMin: number; yMin: number; xMax: number; yMax: number }[] {
    const html = this.text('-bbox');
    const words: { page: number; text: string; xMin: number; yMin: number; xMax: number; yMax: number }[] = [];
    let page = 0;
    for (const line of html.split('\n')) {
      if (line.includes('<page ')) page++;
      const match = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(line);
      if (match) {
        words.push({ page, xMin: Number(match[1]), yMin: Number(match[2]), xMax: Number(match[3]), yMax: Number(match[4]), text: match[5] as string });
      }
    }
    return words;
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
