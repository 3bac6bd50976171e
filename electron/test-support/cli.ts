import { runCli } from '../cli/main.ts';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** `sesame --db <db> …args` in process, its standard output and error collected as text. */
export async function sesameOn(db: string, ...args: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--db', db, ...args], (text) => void out.push(text), (text) => void err.push(text));
  return { code, out: out.join('\n'), err: err.join('\n') };
}
