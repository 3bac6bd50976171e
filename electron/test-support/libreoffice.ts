import { execFileSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * LibreOffice, when the machine has it (optional: `apt-get install libreoffice-calc
 * libreoffice-writer`). Calc and Writer are separate packages, so each check asks for the
 * module it needs.
 */
function programDir(): string | null {
  try {
    const soffice = execFileSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).trim();
    return soffice ? dirname(realpathSync(soffice)) : null;
  } catch {
    return null;
  }
}

const program = programDir();
export const hasLibreOfficeCalc = program !== null && existsSync(join(program, 'libsclo.so'));
export const hasLibreOfficeWriter = program !== null && existsSync(join(program, 'libswlo.so'));

/** Converts `file` into `outDir` with a throw-away profile (parallel runs must not share one). */
export function libreOfficeConvert(file: string, filter: string, outDir: string, profileDir: string): void {
  execFileSync('soffice', [`-env:UserInstallation=file://${profileDir}`, '--headless', '--convert-to', filter, '--outdir', outDir, file], {
    stdio: 'ignore',
    timeout: 120_000,
  });
}
