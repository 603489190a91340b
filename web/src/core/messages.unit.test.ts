import { beforeAll, describe, expect, it, vi } from 'vitest';

vi.stubGlobal('document', { documentElement: { lang: 'en' } });
vi.stubGlobal('navigator', { language: 'en-CA' });

let m: typeof import('./messages');
let i18n: typeof import('./i18n').default;
beforeAll(async () => {
  m = await import('./messages');
  const loaded = await import('./i18n');
  i18n = loaded.default;
  // Each language is loaded when first shown; these tests read both.
  await loaded.i18nReady;
  await i18n.loadLanguages(['en', 'fr']);
});

describe('the error-message catalogue', () => {
  it('has every key it uses in English and French', () => {
    for (const key of m.catalogueKeys) {
      for (const lng of ['en', 'fr']) expect(i18n.exists(key, { lng }), `${key} ${lng}`).toBe(true);
    }
  });
  it('turns library wording into sentences for people, in both languages', async () => {
    await i18n.changeLanguage('en');
    expect(m.serverMessage('Too small: expected number to be >=0')).toBe('Enter a number of at least 0.');
    expect(m.serverMessage('Must be a UUID')).toBe('Choose an option from the list.');
    expect(m.serverMessage('Invalid input: expected string, received undefined')).toBe('Enter a value');
    expect(m.serverMessage('Use a year like 2026')).toBe('Enter a year, like 2026.');
    await i18n.changeLanguage('fr');
    expect(m.serverMessage('Too small: expected number to be >=0')).toBe('Entrez un nombre égal ou supérieur à 0.');
    expect(m.serverMessage('Must be a UUID')).toBe('Choisissez une option dans la liste.');
    expect(m.serverMessage('Must be at most the maximum age (12)')).toBe('L’âge minimal ne peut pas être supérieur à l’âge maximal.');
    expect(m.serverMessage('Must be at least the minimum age')).toBe('L’âge maximal ne peut pas être inférieur à l’âge minimal.');
    await i18n.changeLanguage('en');
  });
  it('never passes zod wording through, whatever the issue', () => {
    for (const raw of ['Invalid string: must match pattern /^x$/', 'Unrecognized key: "x"', 'Too big: expected string to have <=200 characters', 'Invalid option: expected one of "a"|"b"']) {
      expect(m.serverMessage(raw)).not.toBe(raw);
    }
  });
  it('keeps the server’s own sentences it has no translation for', () => {
    expect(m.serverMessage('An item with a recorded decision cannot be removed')).toBe('An item with a recorded decision cannot be removed');
  });
  it('has a sentence in both languages for every module’s own problem code', async () => {
    const { dataErrorCodes } = await import('../../../src/modules/data/data.errors');
    const { strategyErrorCodes } = await import('../../../src/modules/strategy/strategy.errors');
    for (const code of [...dataErrorCodes, ...strategyErrorCodes, 'exchange.signature_invalid']) expect(m.problemCodes, code).toContain(code);
    await i18n.changeLanguage('fr');
    expect(m.problemMessage('strategy.report_card_published', 'This report card is published and frozen. Start a new version to change it.', 409)).toBe('Ce bulletin est publié et figé. Créez une nouvelle version pour le modifier.');
    expect(m.problemMessage('data.invalid_rows', '2 rows cannot be imported; nothing was changed', 400)).not.toMatch(/rows|nothing/);
    expect(m.serverMessage('Frozen: the plan is adopted')).toBe('Figé : le plan est adopté.');
    await i18n.changeLanguage('en');
  });
  it('replaces problem titles by code and hides server failures', () => {
    expect(m.problemMessage('internal', 'relation "x" does not exist', 500)).toBe(i18n.t('errors.generic'));
    expect(m.problemMessage('auth.locked', 'Too many failed sign-in attempts. Try again in 5 minutes.', 423)).toMatch(/5 minutes/);
    expect(m.problemMessage('forbidden', 'You do not have permission to do this', 403)).toBe(i18n.t('errors.forbidden'));
  });
  it('says generic problems (bad_request, conflict, unavailable) in English and French', async () => {
    await i18n.changeLanguage('en');
    // The service's own sentence is kept in English, the server's language…
    expect(m.problemMessage('conflict', 'The survey is closed', 409)).toBe('The survey is closed');
    expect(m.problemMessage('bad_request', 'Send the file as multipart/form-data', 400)).toBe('Send the file as multipart/form-data');
    // …and translated where the catalogue knows it.
    expect(m.problemMessage('conflict', 'A record with these details already exists', 409)).toBe(i18n.t('errors.duplicate'));
    expect(m.problemMessage('unavailable', 'The service is briefly unavailable. Try again in a few seconds.', 503)).toBe(i18n.t('errors.unavailable'));
    await i18n.changeLanguage('fr');
    expect(m.problemMessage('conflict', 'The survey is closed', 409)).toBe(i18n.t('errors.conflict'));
    expect(m.problemMessage('bad_request', 'Send the file as multipart/form-data', 400)).toBe(i18n.t('errors.badRequest'));
    expect(m.problemMessage('conflict', 'A record with these details already exists', 409)).toBe('Un enregistrement avec ces renseignements existe déjà.');
    expect(m.problemMessage('unavailable', 'The service is briefly unavailable. Try again in a few seconds.', 503)).toMatch(/indisponible/);
    for (const code of ['bad_request', 'conflict', 'unavailable']) expect(m.problemCodes).toContain(code);
    await i18n.changeLanguage('en');
  });
});
