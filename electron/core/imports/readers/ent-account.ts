import type { Profile } from '../../../../shared/domain/profile.ts';
import { cell } from '../headers.ts';
import type { ReaderIssue } from '../records.ts';
import type { TableRow } from '../csv.ts';
import { cleanName, missingNameMessage, profileFromType, unknownTypeMessage } from './values.ts';

/** What every ENT account row must give: its profile (« Type »), its names and its login. */
export interface EntAccount {
  profile: Profile;
  lastName: string;
  firstName: string;
  login: string;
}

export interface EntAccountColumns {
  type: number;
  lastName: number;
  firstName: number;
  login: number;
}

/** The row's account, or null with the reason in `errors`: an unknown type, no names, no login (`loginLabel` as the file calls it). */
export function entAccount(row: TableRow, col: EntAccountColumns, loginLabel: string, errors: ReaderIssue[]): EntAccount | null {
  const type = cell(row, col.type);
  const profile = profileFromType(type);
  if (!profile) {
    errors.push({ line: row.line, message: unknownTypeMessage(type) });
    return null;
  }
  const lastName = cleanName(cell(row, col.lastName));
  const firstName = cleanName(cell(row, col.firstName));
  const login = cell(row, col.login);
  if (!lastName || !firstName) {
    errors.push({ line: row.line, message: missingNameMessage });
    return null;
  }
  if (!login) {
    errors.push({ line: row.line, message: `${loginLabel} absent : ligne ignorée.` });
    return null;
  }
  return { profile, lastName, firstName, login };
}
