import { describe, expect, it, vi } from 'vitest';

vi.stubGlobal('document', { documentElement: { lang: 'en' } });
vi.stubGlobal('navigator', { language: 'en-CA' });
const { codeLabel, languageCodeOf, languageName, languageOptions, words } = await import('./labels');
const loaded = await import('./i18n');
const i18n = loaded.default;
// Each language is loaded when first shown; these tests read both.
await loaded.i18nReady;
await i18n.loadLanguages(['en', 'fr']);

const codeLike = /\b[a-z]+\.[a-z_]+\b|\b[a-z]+_[a-z_]+\b/;

describe('the label catalogue', () => {
  it('names access actions in both languages, and never shows a code', async () => {
    await i18n.changeLanguage('en');
    expect(codeLabel(i18n.t, 'accessAction', 'intake.client.read')).toBe('Opened the record');
    expect(codeLabel(i18n.t, 'accessAction', 'intake.something_new')).not.toMatch(codeLike);
    await i18n.changeLanguage('fr');
    expect(codeLabel(i18n.t, 'accessAction', 'intake.client.read')).toBe('A ouvert le dossier');
    await i18n.changeLanguage('en');
    expect(words('service_received')).toBe('Service received');
  });
  it('names languages from their ISO 639 codes and finds the code from a typed name', () => {
    expect(languageName('ar', 'en')).toBe('Arabic');
    expect(languageName('ar', 'fr')).toBe('Arabe');
    expect(languageCodeOf('tigrinya', 'en')).toBe('ti');
    expect(languageCodeOf('Arabe', 'fr')).toBe('ar');
    expect(languageCodeOf('Klingon', 'en')).toBeNull();
    const names = languageOptions('en').map((o) => o.name);
    expect(names).toContain('Punjabi');
    expect(names.every((n) => !/^[a-z]{2,3}$/.test(n))).toBe(true);
  });
});
