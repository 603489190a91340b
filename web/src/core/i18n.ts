import i18n, { type BackendModule, type ReadCallback } from 'i18next';
import { useEffect, useState } from 'react';
import { initReactI18next } from 'react-i18next';
import { pseudoTree } from './pseudo';
import type { Tree } from './translationTree';

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
});

/**
 * Switches the interface language and remembers the person's choice. Only a choice is
 * remembered: the language the app starts in is not written back (it loads after the page
 * does, and would overwrite a choice made meanwhile in another tab).
 */
export async function chooseLanguage(lng: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    /* storage unavailable */
  }
  await i18n.changeLanguage(lng);
}

/** The pseudo-locale test asks for a pseudo language (every string accented and bracketed). */
function pseudoRequested(): boolean {
  try {
    return localStorage.getItem('roundtable.pseudo') === '1';
  } catch {
    return false;
  }
}
const pseudo = pseudoRequested();

/** Each language's text is a chunk of its own, loaded when the language is first shown. */
const loaders: Record<string, () => Promise<Tree>> = {
  en: () => import('./translations.en').then((m) => m.default),
  fr: () => import('./translations.fr').then((m) => m.default),
  'en-XA': () => import('./translations.en').then((m) => pseudoTree(m.default)),
};
const bundledLanguages: BackendModule = {
  type: 'backend',
  init() {},
  read(language: string, _namespace: string, callback: ReadCallback) {
    const load = loaders[language];
    if (!load) return callback(null, {});
    load().then(
      (tree) => callback(null, tree),
      (err: Error) => callback(err, false),
    );
  },
};

/**
 * Resolves once the first language's text has loaded. The app renders at once: components
 * that translate wait for it (react-i18next suspends), while the session and the page's own
 * chunk load beside it. Both languages have every key (the translations test), so there is no
 * fallback language to load as well.
 */
export const i18nReady = i18n
  .use(bundledLanguages)
  .use(initReactI18next)
  .init({
    lng: pseudo ? 'en-XA' : initialLanguage(),
    fallbackLng: false,
    load: 'currentOnly',
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

/**
 * For text shown in a language other than the interface's (a community survey in the language
 * the respondent picked): loads that language's strings and says when they are there.
 */
export function useLanguageLoaded(lng: string): boolean {
  const [loaded, setLoaded] = useState(() => i18n.hasResourceBundle(lng, 'translation'));
  useEffect(() => {
    if (i18n.hasResourceBundle(lng, 'translation')) return setLoaded(true);
    let live = true;
    setLoaded(false);
    void i18n.loadLanguages(lng).then(() => live && setLoaded(true));
    return () => {
      live = false;
    };
  }, [lng]);
  return loaded;
}

export default i18n;
