import type { SchoolDb } from '../db/open.ts';
import { stmt } from '../db/statements.ts';
import { stillHandedOut } from './hand-out.ts';
import { activationProgress, classMembersSql, newlyActivated, type ActivationChange } from '../directory/activation.ts';
import { profileRank } from '../../../shared/domain/profile.ts';
import type { ActivationExport, ClassFollowUp, DistributionFollowUp } from '../../../shared/domain/publipostage.ts';

/** The evolution shown per class: the last few ENT exports are enough to see a trend. */
const exportsShown = 8;

const handedOutSql = `h.account_id = a.id AND ${stillHandedOut}`;

interface ActivationRun {
  id: number;
  at: string;
  files: string;
  activation: string;
}

function activationRuns(db: SchoolDb): { run: ActivationRun; change: ActivationChange }[] {
  return stmt<[number], ActivationRun>(
    db,
    'SELECT id, at, files, activation FROM import_run WHERE activation IS NOT NULL AND undone_at IS NULL ORDER BY id DESC LIMIT ?',
  )
    .all(exportsShown)
    .reverse()
    .map((run) => ({ run, change: JSON.parse(run.activation) as ActivationChange }));
}

/**
 * Distribution follow-up (MISSION §6): per class and school-wide, the sheets handed out and the
 * accounts activated now, and what each ENT export imported brought.
 */
export function distributionFollowUp(db: SchoolDb): DistributionFollowUp {
  const runs = activationRuns(db);
  const last = runs.at(-1)?.change;
  const exports: ActivationExport[] = runs.map(({ run, change }) => ({
    runId: run.id,
    at: run.at,
    files: (JSON.parse(run.files) as { name: string }[]).map((file) => file.name),
    ...activationProgress(change),
  }));
  const classes = stmt<[], Omit<ClassFollowUp, 'newlyActivated' | 'history'>>(
    db,
    `WITH ${classMembersSql}
     SELECT c.name AS className, count(*) AS accounts, count(h.account_id) AS handedOut, sum(a.activated) AS activated
     FROM member m
       JOIN class c ON c.id = m.class_id
       JOIN account a ON a.id = m.account_id AND a.pre_deleted_at IS NULL
       LEFT JOIN hand_out h ON ${handedOutSql}
     GROUP BY c.id
     ORDER BY c.sort_name`,
  )
    .all()
    .map((row) => ({
      ...row,
      newlyActivated: last ? newlyActivated(last, row.className) : null,
      history: runs.map(({ change }) => {
        const count = change.after.classes[row.className];
        return count && count.accounts > 0 ? count.activated / count.accounts : null;
      }),
    }));
  const profiles = stmt<[], DistributionFollowUp['profiles'][number]>(
    db,
    `SELECT a.profile, count(*) AS accounts, sum(a.activated) AS activated, count(h.account_id) AS handedOut
     FROM account a LEFT JOIN hand_out h ON ${handedOutSql}
     WHERE a.pre_deleted_at IS NULL
     GROUP BY a.profile`,
  )
    .all()
    .sort((a, b) => profileRank[a.profile] - profileRank[b.profile]);
  const school = { accounts: 0, activated: 0, handedOut: 0 };
  for (const count of profiles) {
    school.accounts += count.accounts;
    school.activated += count.activated;
    school.handedOut += count.handedOut;
  }
  return { school, profiles, classes, exports };
}
