import type { SchoolDb } from '../db/open.ts';
import { stmt } from '../db/statements.ts';
import { requireAccount } from './accounts.ts';
import { purgeAfterDays } from './status.ts';
import type { AccountSheet, SheetClass, SheetPerson } from '../../../shared/domain/account-sheet.ts';
import type { Profile } from '../../../shared/domain/profile.ts';

const dayMs = 86_400_000;

interface PersonRow {
  id: number;
  profile: Profile;
  last_name: string;
  first_name: string;
  login: string;
  classes: string | null;
}

function people(db: SchoolDb, sql: string, id: number): SheetPerson[] {
  return stmt<[number], PersonRow>(db, sql)
    .all(id)
    .map((row) => ({
      id: row.id,
      profile: row.profile,
      lastName: row.last_name,
      firstName: row.first_name,
      login: row.login,
      classes: row.classes ? (JSON.parse(row.classes) as string[]) : [],
    }));
}

const personColumns = `a.id, a.profile, a.last_name, a.first_name, a.login,
  (SELECT json_group_array(name) FROM (SELECT c.name FROM account_class ac JOIN class c ON c.id = ac.class_id
     WHERE ac.account_id = a.id ORDER BY c.sort_name)) AS classes`;

/** The ENT's automatic groups: « Élèves de la classe CP A », « Parents de la classe CP A »… */
function groupsOf(profile: Profile, classes: string[], children: SheetPerson[]): string[] {
  const label: Partial<Record<Profile, string>> = { student: 'Élèves', teacher: 'Enseignants', personnel: 'Personnels', guest: 'Invités' };
  if (profile === 'relative') return [...new Set(children.flatMap((child) => child.classes))].map((name) => `Parents de la classe ${name}`);
  const prefix = label[profile];
  return prefix ? classes.map((name) => `${prefix} de la classe ${name}`) : [];
}

export function loadSheet(db: SchoolDb, id: number, now: Date): AccountSheet {
  const row = requireAccount(db, id);
  const classes = stmt<[number], SheetClass & { head_teacher: 0 | 1 }>(
    db,
    `SELECT c.id, c.name, ac.head_teacher FROM account_class ac JOIN class c ON c.id = ac.class_id
     WHERE ac.account_id = ? ORDER BY c.sort_name`,
  )
    .all(id)
    .map(({ id: classId, name, head_teacher }) => ({ id: classId, name, headTeacher: head_teacher === 1 }));
  const guardians = people(
    db,
    `SELECT ${personColumns} FROM guardian_link g JOIN account a ON a.id = g.guardian_id WHERE g.child_id = ? ORDER BY a.sort_name`,
    id,
  );
  const children = people(
    db,
    `SELECT ${personColumns} FROM guardian_link g JOIN account a ON a.id = g.child_id WHERE g.guardian_id = ? ORDER BY a.sort_name`,
    id,
  );
  const renewal = stmt<[number], { at: string; actor: string; after: string | null }>(
    db,
    `SELECT at, actor, after FROM journal WHERE account_id = ? AND action = 'account.renewalSheet' ORDER BY id DESC LIMIT 1`,
  ).get(id);
  const delivered = renewal?.after ? (JSON.parse(renewal.after) as { delivery: 'pdf' | 'mail'; to?: string }) : null;
  const manualEdits = stmt<[number], string>(db, 'SELECT field FROM manual_edit WHERE account_id = ? ORDER BY field').pluck().all(id);
  const preDeletedAt = row.pre_deleted_at;
  return {
    id: row.id,
    profile: row.profile,
    lastName: row.last_name,
    firstName: row.first_name,
    birthDate: row.birth_date,
    login: row.login,
    alias: row.alias,
    activationCode: row.activated ? null : row.activation_code,
    activated: row.activated === 1,
    entStatus: row.ent_status,
    entId: row.ent_id,
    externalId: row.external_id,
    ine: row.ine,
    source: row.source,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    localAdmin: row.local_admin === 1,
    renewal: renewal && delivered ? { at: renewal.at, actor: renewal.actor, delivery: delivered.delivery, to: delivered.to ?? null } : null,
    email: row.email,
    phone: row.phone,
    blocked: row.blocked === 1,
    preDeletedAt,
    preDeletedDays: preDeletedAt === null ? null : Math.max(0, Math.floor((now.getTime() - Date.parse(preDeletedAt)) / dayMs)),
    purgeAt: preDeletedAt === null ? null : new Date(Date.parse(preDeletedAt) + purgeAfterDays * dayMs).toISOString(),
    classes,
    guardians,
    children,
    groups: groupsOf(row.profile, classes.map((c) => c.name), children),
    manualEdits,
  };
}
