import type { TFunction } from 'i18next';
import { locale } from './i18n';

/**
 * The one label catalogue for enumerated values. Every code a person could see — need codes,
 * referral outcomes, access and audit actions, purposes, statuses — is looked up under
 * `labels.<kind>.<code>` (dots and dashes in the code become underscores) in the user's
 * language. A code with no label yet is shown as words ("service_received" → "Service
 * received"), never as the code itself.
 */
export type LabelKind = 'auditAction' | 'auditEntity' | 'auditValue' | 'accessAction' | 'purpose' | 'outcome' | 'status' | 'need' | 'scope';

export const labelKey = (kind: LabelKind, code: string) => `labels.${kind}.${code.replace(/[.-]/g, '_')}`;

/** A camelCase or snake_case field name as words: "legalName" → "Legal name". */
export function fieldWords(name: string): string {
  return words(name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase());
}

/** A code as words: the last resort, so no `word.word` or `snake_case` reaches the screen. */
export function words(code: string): string {
  const s = code.replace(/[._-]+/g, ' ').trim();
  return s ? s.charAt(0).toUpperCase() + s.slice(1) : code;
}

export function codeLabel(t: TFunction, kind: LabelKind, code: string | null | undefined): string {
  if (!code) return '—';
  const key = labelKey(kind, code);
  const found = t(key, { defaultValue: '' });
  return found && found !== key ? found : words(code);
}

/**
 * Languages offered when someone chooses theirs: those most spoken in Durham besides English
 * and French (census mother tongues), stored as ISO 639 codes and named by the browser in the
 * reader's language.
 */
export const LANGUAGE_CODES = [
  'en', 'fr', 'ar', 'am', 'bn', 'zh', 'yue', 'cmn', 'hr', 'nl', 'fa', 'prs', 'de', 'el', 'gu', 'ht', 'he', 'hi', 'hu', 'ig', 'it', 'ja', 'ko', 'ku', 'ml', 'mr', 'ne', 'oj', 'cr', 'iu',
  'ps', 'pl', 'pt', 'pa', 'ro', 'ru', 'sr', 'so', 'es', 'sw', 'tl', 'ta', 'te', 'ti', 'tr', 'tw', 'uk', 'ur', 'vi', 'yo', 'ase', 'fsl',
] as const;

export function languageName(code: string | null | undefined, lng?: string): string {
  if (!code) return '—';
  try {
    const name = new Intl.DisplayNames([locale(lng)], { type: 'language', fallback: 'none' }).of(code);
    if (name) return name.charAt(0).toLocaleUpperCase(locale(lng)) + name.slice(1);
  } catch {
    /* not a code the browser knows */
  }
  return code;
}

/** Language choices in the reader's language, alphabetical. */
export function languageOptions(lng?: string): { code: string; name: string }[] {
  const seen = new Set<string>();
  return LANGUAGE_CODES.map((code) => ({ code, name: languageName(code, lng) }))
    .filter((o) => o.name !== o.code && !seen.has(o.name) && seen.add(o.name))
    .sort((a, b) => a.name.localeCompare(b.name, locale(lng)));
}

/** The code for what someone typed or picked: a language name in either language, or a code. */
export function languageCodeOf(text: string, lng?: string): string | null {
  const s = text.trim().toLocaleLowerCase();
  if (!s) return null;
  for (const l of [lng, 'en', 'fr']) {
    const hit = languageOptions(l).find((o) => o.name.toLocaleLowerCase() === s);
    if (hit) return hit.code;
  }
  return (LANGUAGE_CODES as readonly string[]).includes(s) ? s : null;
}
