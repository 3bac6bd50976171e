import type { Migration } from '../migrate.ts';

/**
 * Mail campaigns: one row per campaign, one per recipient with its state. The recipient's
 * state is written before and after each send (electron/core/publipostage/mail/campaign-store.ts
 * explains the crash rules), so a campaign survives a crash, a cancel or a network loss.
 */
export const migration005: Migration = {
  version: 5,
  name: 'mail',
  sql: `
    CREATE TABLE mail_campaign (
      id INTEGER PRIMARY KEY,
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL,
      -- The selection (filter and sort) it was prepared from, for the record.
      selection TEXT NOT NULL,
      -- The subject and body templates as previewed: a resumed campaign sends the same text.
      templates TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('ready', 'running', 'paused', 'done')),
      pause_reason TEXT,
      -- "host:pid" of the process sending it while status is 'running': no second sender.
      runner TEXT,
      updated_at TEXT NOT NULL
    ) STRICT;

    -- No foreign key on account_id: the record outlives a purged account, like the journal.
    CREATE TABLE mail_recipient (
      id INTEGER PRIMARY KEY,
      campaign_id INTEGER NOT NULL REFERENCES mail_campaign (id) ON DELETE CASCADE,
      account_id INTEGER NOT NULL,
      last_name TEXT NOT NULL,
      first_name TEXT NOT NULL,
      email TEXT,
      mail_case TEXT CHECK (mail_case IN ('notActivated', 'activated')),
      state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'confirming', 'sent', 'retry', 'failed', 'uncertain', 'skipped')),
      attempts INTEGER NOT NULL DEFAULT 0,
      retry_at TEXT,
      detail TEXT,
      message_id TEXT,
      sent_at TEXT,
      updated_at TEXT NOT NULL,
      UNIQUE (campaign_id, account_id),
      CHECK (state <> 'retry' OR retry_at IS NOT NULL)
    ) STRICT;
    CREATE INDEX mail_recipient_by_state ON mail_recipient (campaign_id, state, id);
    CREATE INDEX mail_recipient_by_account ON mail_recipient (account_id, state);
  `,
};
