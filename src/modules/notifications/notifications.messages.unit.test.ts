import { describe, expect, it } from 'vitest';
import en from '../../../web/src/modules/notifications/i18n/en.json';
import fr from '../../../web/src/modules/notifications/i18n/fr.json';
import { statusWords, titleOf, titles } from './notifications.messages';
import { notificationKinds } from './notifications.schema';

describe('notice titles', () => {
  it('are the same words in e-mail as in the app, in English and French', () => {
    for (const [lang, web] of [['en', en], ['fr', fr]] as const) {
      for (const kind of notificationKinds) expect(titles[lang][kind], `${lang} ${kind}`).toBe(web.notifications.kind[kind]);
      for (const [code, word] of Object.entries(statusWords[lang])) expect(word, `${lang} ${code}`).toBe(web.notifications.status[code.replace(/-/g, '_') as keyof typeof web.notifications.status]);
    }
  });

  it('put codes into words and name a partner when the organization is unknown', () => {
    expect(titleOf('referral_status', { organization: 'NLC', status: 'on-hold' }, 'en')).toBe('Your referral to NLC was waitlisted');
    expect(titleOf('referral_status', { status: 'rejected' }, 'fr')).toBe('Votre aiguillage vers le partenaire a été refusé');
    expect(titleOf('decision_recorded', { collaborative: 'LDIPC', result: 'carried' }, 'fr')).toBe('Décision consignée à LDIPC : adoptée');
  });
});
