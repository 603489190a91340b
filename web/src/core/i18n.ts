import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { pseudoTree } from './pseudo';
import { translations } from './translations';

export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'roundtable.language';

function initialLanguage(): Language {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'fr') return saved;
  } catch {
    /* storage unavailable */
  }
  return navigator.language?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
  if (lng !== 'en' && lng !== 'fr') return;
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    /* storage unavailable */
  }
});

/** The pseudo-locale test asks for a pseudo language (every string accented and bracketed). */
function pseudoRequested(): boolean {
  try {
    return localStorage.getItem('roundtable.pseudo') === '1';
  } catch {
    return false;
  }
}
const pseudo = pseudoRequested();

void i18n.use(initReactI18next).init({
  resources: { en: { translation: translations.en }, fr: { translation: translations.fr }, ...(pseudo ? { 'en-XA': { translation: pseudoTree(translations.en) } } : {}) },
  lng: pseudo ? 'en-XA' : initialLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18n.language;
// The route walk checks each page in three languages without reloading it.
if (pseudo) (window as unknown as { roundtableI18n?: typeof i18n }).roundtableI18n = i18n;

/** Locale for dates and numbers: Canadian English or Canadian French. */
export function locale(lng: string = i18n.language): string {
  return lng === 'fr' ? 'fr-CA' : 'en-CA';
}

export function formatDateTime(iso: string | null | undefined, lng?: string): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(locale(lng), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export default i18n;
