import { z } from '../../domain/zod.ts';
import type { ArgSchemas, NoArg } from '../define.ts';
import { noArg } from './no-arg.ts';
import { selectionSchema, type Selection } from '../../domain/selection.ts';
import {
  mailTemplateSchema,
  mailTemplatesSchema,
  recipientStates,
  smtpSettingsChangeSchema,
  type CampaignRecipient,
  type CampaignSummary,
  type MailPlan,
  type MailPreview,
  type MailSettingsView,
  type MailTemplates,
  type MailTestResult,
  type RecipientState,
  type SmtpSettingsChange,
} from '../../domain/mail.ts';

export interface MailSettingsChange {
  smtp?: SmtpSettingsChange;
  /** Saved encrypted by the system where it can be, else kept for this session; null forgets it. */
  password?: string | null;
}

export interface CampaignPage {
  summary: CampaignSummary;
  /** Recipients matching `states`, in selection order. */
  matching: number;
  recipients: CampaignRecipient[];
}

export interface CampaignQuery {
  campaignId: number;
  states?: RecipientState[];
  offset: number;
  limit: number;
}

export interface MailApi {
  'mail.settings'(arg: NoArg): MailSettingsView;
  'mail.updateSettings'(arg: MailSettingsChange): MailSettingsView;
  /** Sends one message (to the sender address unless `to`) and diagnoses what fails, in French. */
  'mail.test'(arg: { to?: string; password?: string }): MailTestResult;
  'mail.templates'(arg: NoArg): MailTemplates;
  'mail.updateTemplates'(arg: Partial<MailTemplates>): MailTemplates;
  /** The confirmation's counts: N with an address, M without (their ids, for the PDF). */
  'mail.plan'(arg: Selection): MailPlan;
  /** What one account would receive; `templates` previews texts being edited. */
  'mail.preview'(arg: { accountId: number; templates?: MailTemplates }): MailPreview;
  /** Records a campaign for the selection: one row per account, queued or skipped with the reason. */
  'mail.createCampaign'(arg: Selection): CampaignSummary;
  /**
   * The user sheet's « Fiche de connexion individuelle mail »: a campaign of that one account,
   * sent with mail.send. Refused, with the reason, when the account gets no mail.
   */
  'mail.createIndividual'(arg: { accountId: number }): CampaignSummary;
  /**
   * Sends (or resumes) a campaign as job `jobId`: progress events, cancel with system.cancel.
   * Answers when it is done or paused; a cancel answers the error « cancelled ».
   */
  'mail.send'(arg: { campaignId: number; jobId: string; password?: string }): CampaignSummary;
  'mail.campaigns'(arg: NoArg): CampaignSummary[];
  'mail.campaign'(arg: CampaignQuery): CampaignPage;
  /** The director checked: send these uncertain or failed recipients again at the next send. */
  'mail.requeue'(arg: { campaignId: number; recipientIds: number[] }): CampaignSummary;
  /** The result table as CSV (UTF-8 with BOM, « ; »), base64 for the browser to save. */
  'mail.exportResults'(arg: { campaignId: number }): { name: string; rows: number; base64: string };
}

const campaignId = z.number().int().positive();

export const mailSchemas = {
  'mail.settings': noArg,
  'mail.updateSettings': z
    .object({ smtp: smtpSettingsChangeSchema.optional(), password: z.string().max(500).nullable().optional() })
    .strict(),
  'mail.test': z.object({ to: z.string().trim().max(254).optional(), password: z.string().max(500).optional() }).strict(),
  'mail.templates': noArg,
  'mail.updateTemplates': z.object({ notActivated: mailTemplateSchema.optional(), activated: mailTemplateSchema.optional() }).strict(),
  'mail.plan': selectionSchema,
  'mail.preview': z.object({ accountId: z.number().int().positive(), templates: mailTemplatesSchema.optional() }).strict(),
  'mail.createCampaign': selectionSchema,
  'mail.createIndividual': z.object({ accountId: z.number().int().positive() }).strict(),
  'mail.send': z.object({ campaignId, jobId: z.string().min(1).max(100), password: z.string().max(500).optional() }).strict(),
  'mail.campaigns': noArg,
  'mail.campaign': z
    .object({
      campaignId,
      states: z.array(z.enum(recipientStates)).max(recipientStates.length).optional(),
      offset: z.number().int().min(0),
      limit: z.number().int().min(1).max(50_000),
    })
    .strict(),
  'mail.requeue': z.object({ campaignId, recipientIds: z.array(z.number().int().positive()).min(1).max(50_000) }).strict(),
  'mail.exportResults': z.object({ campaignId }).strict(),
} satisfies ArgSchemas<MailApi>;
