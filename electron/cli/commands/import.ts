import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { ImportAnalysis, ImportResult } from '../../../shared/api/areas/imports.ts';
import { entRoundTripWording } from '../../../shared/domain/distribution.ts';
import { fileTooLargeMessage, importLimits } from '../../../shared/domain/imports.ts';
import { activationWording } from '../../../shared/domain/wording.ts';
import { unwrap, type CliCommand } from '../command.ts';
import { CommandError, UsageError } from '../usage.ts';

interface Refusal {
  file: string;
  message: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? 's' : ''}`;

function readInputs(paths: string[]): { files: { name: string; base64: string }[]; refused: Refusal[] } {
  const files: { name: string; base64: string }[] = [];
  const refused: Refusal[] = [];
  for (const path of paths) {
    const name = basename(path);
    let size: number;
    try {
      const stat = statSync(path);
      if (!stat.isFile()) throw new Error('not a file');
      size = stat.size;
    } catch {
      throw new CommandError(`Fichier introuvable ou illisible : ${path}`);
    }
    // Refused unread: a 200 MB file is never loaded into memory.
    if (size > importLimits.maxFileBytes) refused.push({ file: name, message: fileTooLargeMessage(name, size) });
    else files.push({ name, base64: readFileSync(path).toString('base64') });
  }
  return { files, refused };
}

/** What makes the command refuse: the demo school in the file, refused files, columns to map, another school's files. */
function refusalsOf(analysis: ImportAnalysis | null, acceptOtherSchool: boolean): Refusal[] {
  if (!analysis) return [];
  return [
    ...(analysis.demo === 'ask'
      ? [{ file: 'fichier d’école', message: 'il contient l’École de démonstration. Relancez avec --replace-demo pour la remplacer par votre école (« sesame import … --replace-demo » ; un import annulé la ramène).' }]
      : []),
    ...analysis.files.filter((file) => file.refused).map((file) => ({ file: file.name, message: file.refused as string })),
    ...analysis.files
      .filter((file) => !file.refused && file.mapping && file.mapping.missing.length > 0)
      .map((file) => ({ file: file.name, message: 'colonnes à associer : ouvrez ce fichier dans Sésame pour indiquer ce que contient chaque colonne.' })),
    ...(acceptOtherSchool
      ? []
      : analysis.warnings.map((warning) => ({ file: warning.file, message: `${warning.message} Si c’est bien le cas, relancez avec --accept-other-school.` }))),
  ];
}

function printText(out: (text: string) => void, analysis: ImportAnalysis | null, refused: Refusal[], result: ImportResult | null, dryRun: boolean): void {
  for (const file of analysis?.files ?? []) {
    out(`${file.name} — ${file.formatLabel}${file.refused ? '' : `, ${plural(file.rows, 'ligne')}`}`);
  }
  for (const refusal of refused) out(`REFUSÉ ${refusal.file} : ${refusal.message}`);
  if (!analysis) return;
  const { counts } = analysis;
  out(
    `\nAperçu : ${counts.created} à créer, ${counts.updated} à modifier, ${counts.unchanged} inchangé(s), ${plural(counts.ignored, 'ligne')} ignorée(s), ` +
      `${plural(counts.errors, 'erreur')}, ${plural(counts.classesCreated, 'classe')} à créer.`,
  );
  if (analysis.demo === 'replace') out('L’École de démonstration sera remplacée par votre école : ses comptes fictifs, classes et journal sont supprimés (annuler l’import les ramène).');
  if (analysis.adoptedUai) out(`L’UAI de l’école, pas encore indiqué, sera repris de ces fichiers : ${analysis.adoptedUai}.`);
  for (const error of analysis.errors) out(`  erreur ${error.file} ligne ${error.line} : ${error.message}`);
  for (const ignored of analysis.ignored) out(`  ignoré ${ignored.file} ligne ${ignored.line} : ${ignored.name} — ${ignored.reason}`);
  if (analysis.ambiguities.length > 0) out('Rattachements responsable ↔ enfant non résolus (laissés de côté en ligne de commande) :');
  for (const ambiguity of analysis.ambiguities) {
    const candidates = ambiguity.candidates.map((candidate) => `${candidate.lastName} ${candidate.firstName} (${candidate.classes.join(', ') || 'sans classe'})`);
    out(
      `  ${ambiguity.file} ligne ${ambiguity.line} : ${ambiguity.guardian.lastName} ${ambiguity.guardian.firstName} → « ${ambiguity.child.label} » : ` +
        (candidates.length ? `${candidates.length} élèves possibles : ${candidates.join(' ; ')}` : 'aucun élève trouvé'),
    );
  }
  if (analysis.conflicts.length > 0) out('Champs saisis à la main, conservés :');
  for (const conflict of analysis.conflicts) {
    out(`  ${conflict.lastName} ${conflict.firstName}, ${conflict.label} : « ${conflict.current} » gardé (le fichier dit « ${conflict.incoming} »)`);
  }
  if (refused.length > 0) out('\nRien n’a été importé.');
  else if (dryRun) out('\nSimulation : rien n’a été enregistré.');
  else if (result?.runId === null) out('\nRien à changer : le fichier d’école est déjà à jour.');
  else if (result) {
    out(`\nImport enregistré : ${result.counts.created} compte(s) créé(s), ${result.counts.updated} modifié(s).`);
    for (const line of entRoundTripWording(result.counts)) out(line);
    if (result.activation) out(`Activation des comptes : ${activationWording(result.activation)}.`);
    if (result.backupPath) out(`Sauvegarde faite avant l’import : ${result.backupPath}`);
  }
}

function asJson(analysis: ImportAnalysis | null, refused: Refusal[], result: ImportResult | null) {
  const counts = result?.counts ?? analysis?.counts;
  return {
    created: counts?.created ?? 0,
    updated: counts?.updated ?? 0,
    unchanged: counts?.unchanged ?? 0,
    ignored: counts?.ignored ?? 0,
    // A refused file is an error of the whole file (no line); the row errors follow.
    errors: [...refused.map(({ file, message }) => ({ file, line: null, message })), ...(analysis?.errors ?? [])],
    ambiguities: (analysis?.ambiguities ?? []).map(({ file, line, guardian, child, kind, candidates }) => ({ file, line, guardian, child, kind, candidates })),
    conflicts: analysis?.conflicts ?? [],
    ignoredRows: analysis?.ignored ?? [],
    refused,
    files: (analysis?.files ?? []).map(({ name, format, rows, encoding }) => ({ name, format, rows, encoding })),
    applied: result !== null && result.runId !== null,
    runId: result?.runId ?? null,
    activation: result?.activation ?? null,
    joinedEnt: counts?.joinedEnt ?? 0,
    notInEnt: counts?.notInEnt ?? 0,
  };
}

/**
 * `sesame import FILE... [--dry-run] [--json]`: the same analysis and apply as the app.
 * Ambiguous children are left out (listed); hand-typed fields are kept; a refused file, or one
 * from another school, refuses the whole import (exit 1, nothing written).
 */
export const importCommand: CliCommand = {
  options: { 'dry-run': { type: 'boolean' }, json: { type: 'boolean' }, 'replace-demo': { type: 'boolean' }, 'accept-other-school': { type: 'boolean' } },
  allowPositionals: true,
  async run({ api, out }, values, positionals) {
    if (positionals.length === 0) throw new UsageError('Indiquez au moins un fichier à importer.');
    const dryRun = values['dry-run'] === true;
    const inputs = readInputs(positionals);
    let analysis = inputs.files.length > 0 ? unwrap(await api.imports.analyse({ files: inputs.files })) : null;
    if (analysis?.demo === 'ask' && values['replace-demo'] === true) {
      analysis = unwrap(await api.imports.resolve({ analysisId: analysis.analysisId, replaceDemo: true }));
    }
    const acceptOtherSchool = values['accept-other-school'] === true;
    const refused = [...inputs.refused, ...refusalsOf(analysis, acceptOtherSchool)];
    let result: ImportResult | null = null;
    if (analysis && refused.length === 0 && !dryRun) {
      result = unwrap(await api.imports.apply({ analysisId: analysis.analysisId, acceptOtherSchool }));
    }
    if (values['json']) out(JSON.stringify(asJson(analysis, refused, result), null, 2));
    else printText(out, analysis, refused, result, dryRun);
    if (refused.length > 0) {
      throw new CommandError(`Import refusé, rien n’a été enregistré : ${refused.map((refusal) => `${refusal.file} (${refusal.message})`).join(' ; ')}`);
    }
  },
};
