import type { TFunction } from 'i18next';
import type { Notification } from '../api';

/** A notice's title in the reader's language: its codes (status, result) through their labels. */
export function noticeTitle(t: TFunction, n: Pick<Notification, 'kind' | 'params'>): string {
  const p = n.params;
  return t(`notifications.kind.${n.kind}`, {
    ...p,
    organization: p.organization ?? t('notifications.somePartner'),
    status: p.status ? t(`notifications.status.${p.status.replace(/-/g, '_')}`) : '',
    result: p.result ? t(`notifications.result.${p.result}`) : '',
    interpolation: { escapeValue: false },
  });
}
