import type { z } from 'zod';
import i18n from './i18n';

/**
 * Validation messages in the browser, in the reader's language. The same catalogue as the
 * server's field messages (messages.ts, `errors.*`), chosen by zod issue code and its
 * parameters, so zod's own wording ("Too small: expected number to be >=0") never shows.
 */

/** The message for one zod issue, in the reader's language, keyed by the issue code. */
export function zodIssueMessage(issue: z.core.$ZodRawIssue): string {
  const t = i18n.t.bind(i18n);
  const p = issue as Record<string, unknown>;
  const empty = issue.input === undefined || issue.input === null || issue.input === '';
  switch (issue.code) {
    case 'invalid_type':
      if (empty) return t('errors.required');
      return p.expected === 'number' || p.expected === 'int' ? t('errors.number') : t('errors.invalid');
    case 'too_small': {
      const min = String(p.minimum);
      if (p.origin === 'string') return Number(p.minimum) <= 1 ? t('errors.required') : t('errors.textMin', { min });
      if (p.origin === 'array' || p.origin === 'set') return t('errors.chooseAtLeast', { count: Number(p.minimum) });
      if (p.origin === 'date') return t('errors.invalid');
      return t('errors.numberMin', { min });
    }
    case 'too_big': {
      const max = String(p.maximum);
      if (p.origin === 'string') return t('errors.textMax', { max });
      if (p.origin === 'array' || p.origin === 'set') return t('errors.tooMany', { count: Number(p.maximum) });
      return t('errors.numberMax', { max });
    }
    case 'invalid_format':
      if (empty) return t('errors.required');
      switch (p.format) {
        case 'email':
          return t('errors.email');
        case 'url':
          return t('errors.website');
        case 'uuid':
        case 'guid':
          return t('errors.choose');
        case 'date':
          return t('errors.date', { example: '2026-03-31' });
        case 'datetime':
          return t('errors.dateTime');
        default:
          return t('errors.invalid');
      }
    case 'invalid_value':
    case 'invalid_union':
      return empty ? t('errors.choose') : t('errors.invalid');
    default:
      return t('errors.invalid');
  }
}

/** A message a schema gave as a catalogue key ("errors.choose") becomes its text. */
export function formText(message: string | undefined): string | undefined {
  if (!message) return message;
  return /^[a-z][\w]*(\.[\w]+)+$/.test(message) && i18n.exists(message) ? i18n.t(message) : message;
}

