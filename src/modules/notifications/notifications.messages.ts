/**
 * The words of each notice kind for e-mail, in English and French. The web has the same
 * titles in web/src/modules/notifications/i18n; a unit test keeps the two in step.
 */
import type { NotificationKind } from './notifications.schema';

type Lang = 'en' | 'fr';

export const statusWords: Record<Lang, Record<string, string>> = {
  en: { requested: 'sent', received: 'received', accepted: 'accepted', 'on-hold': 'waitlisted', rejected: 'declined', 'in-progress': 'started', completed: 'completed', cancelled: 'cancelled' },
  fr: { requested: 'envoyé', received: 'reçu', accepted: 'accepté', 'on-hold': 'mis en liste d’attente', rejected: 'refusé', 'in-progress': 'commencé', completed: 'terminé', cancelled: 'annulé' },
};

export const resultWords: Record<Lang, Record<string, string>> = {
  en: { carried: 'carried', defeated: 'defeated', tied: 'tied', deferred: 'deferred' },
  fr: { carried: 'adoptée', defeated: 'rejetée', tied: 'à égalité', deferred: 'reportée' },
};

/** Titles with {{param}} placeholders, the same strings as the web's notifications.kind.*. */
export const titles: Record<Lang, Record<NotificationKind, string>> = {
  en: {
    referral_received: 'New referral from {{organization}}',
    referral_status: 'Your referral to {{organization}} was {{status}}',
    referral_closed: 'The loop closed: {{organization}} completed your referral',
    referral_cancelled: '{{organization}} cancelled a referral to your organization',
    referral_follow_up_due: 'Follow-up due on your referral to {{organization}}',
    action_item_assigned: 'Action item assigned to you: {{title}}',
    decision_recorded: 'Decision recorded in {{collaborative}}: {{result}}',
    assessment_reminder: 'Your answers are awaited: {{title}} (closes {{closesOn}})',
    template_version: 'New version {{version}} of the common template {{template}}',
  },
  fr: {
    referral_received: 'Nouvel aiguillage de {{organization}}',
    referral_status: 'Votre aiguillage vers {{organization}} a été {{status}}',
    referral_closed: 'La boucle est bouclée : {{organization}} a terminé votre aiguillage',
    referral_cancelled: '{{organization}} a annulé un aiguillage vers votre organisme',
    referral_follow_up_due: 'Suivi à faire pour votre aiguillage vers {{organization}}',
    action_item_assigned: 'Action qui vous est confiée : {{title}}',
    decision_recorded: 'Décision consignée à {{collaborative}} : {{result}}',
    assessment_reminder: 'Vos réponses sont attendues : {{title}} (fin le {{closesOn}})',
    template_version: 'Nouvelle version {{version}} du gabarit commun {{template}}',
  },
};

const fallbackOrganization: Record<Lang, string> = { en: 'the partner', fr: 'le partenaire' };

/** A notice's title in a language, its codes (status, result) put into words. */
export function titleOf(kind: NotificationKind, params: Record<string, string>, lang: Lang): string {
  const values: Record<string, string> = { ...params };
  if (values.status) values.status = statusWords[lang][values.status] ?? values.status;
  if (values.result) values.result = resultWords[lang][values.result] ?? values.result;
  if (!values.organization) values.organization = fallbackOrganization[lang];
  return titles[lang][kind].replace(/\{\{(\w+)\}\}/g, (_m, k: string) => values[k] ?? '');
}
