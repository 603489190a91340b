/**
 * Contracts of the notifications module, shared by the server and the web. Imports only zod
 * and the shared building blocks.
 */
import { z } from 'zod';
import { uuid } from '../../shared/contracts';

/**
 * What a notice is about. Each kind has an English and French title in the web's labels
 * (notifications.kind.*) and in notifications.messages.ts for e-mail.
 */
export const notificationKinds = [
  'referral_received',
  'referral_status',
  'referral_closed',
  'referral_cancelled',
  'referral_follow_up_due',
  'action_item_assigned',
  'decision_recorded',
  'assessment_reminder',
  'template_version',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/**
 * The parameters of a notice's title: names of organizations, collaboratives, meetings and
 * action items, a referral status or outcome code, a date. Never a client's personal data.
 */
export const NotificationParams = z.record(z.string(), z.string()).describe('Values the title is built from (organization, collaborative, status…); never client data');
export type NotificationParamsValue = z.infer<typeof NotificationParams>;

export const IdParams = z.object({ id: uuid.describe('Notice id') });

export const ListQuery = z.object({
  unread: z.enum(['true', 'false']).optional().transform((v) => v === 'true').describe('Only notices not yet read'),
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('How many notices, newest first'),
  before: z.string().datetime({ offset: true }).optional().describe('Only notices created before this time (the next page)'),
});

const actionFlags = z.record(z.string(), z.boolean()).describe('What the caller may do with this record');

export const NotificationSchema = z.object({
  id: z.string().describe('Notice id'),
  kind: z.enum(notificationKinds).describe('What the notice is about'),
  params: NotificationParams,
  link: z.string().describe('Where the notice leads in the app (a path)'),
  read: z.boolean().describe('Has the recipient read it'),
  readAt: z.string().nullable().describe('When it was read'),
  createdAt: z.string().describe('When it was sent'),
  actions: actionFlags,
});
export type Notification = z.infer<typeof NotificationSchema>;

export const NotificationListSchema = z.object({
  items: z.array(NotificationSchema),
  unread: z.number().int().describe('Notices not yet read'),
});

export const UnreadCountSchema = z.object({ unread: z.number().int().describe('Notices not yet read') });

export const MarkAllBody = z.object({
  before: z.string().datetime({ offset: true }).optional().describe('Only notices created up to this time (what the reader saw)'),
});

export const SettingsSchema = z.object({
  emailEnabled: z.boolean().describe('Send a copy of each notice by e-mail'),
  emailAvailable: z.boolean().describe('Whether this server is set up to send e-mail'),
  version: z.number().int().describe('Version of the settings'),
});
export type NotificationSettings = z.infer<typeof SettingsSchema>;

export const SettingsBody = z.object({
  emailEnabled: z.boolean().describe('Send a copy of each notice by e-mail'),
});

export const MarkAllResult = z.object({
  marked: z.number().int().describe('Notices marked read'),
  unread: z.number().int().describe('Notices still unread'),
});
