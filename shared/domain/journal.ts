/** One line of the journal (« who changed what, when »), as browsed and exported. */
export interface JournalItem {
  id: number;
  /** ISO 8601 timestamp. */
  at: string;
  /** The OS user who acted. */
  actor: string;
  action: string;
  accountId: number | null;
  /** « NOM Prénom » while the account exists; null once purged. */
  accountName: string | null;
  /** French, one line. */
  summary: string;
  before: unknown;
  after: unknown;
}

export interface JournalPage {
  total: number;
  offset: number;
  items: JournalItem[];
}
