import { setMessageTranslator } from './api';
import i18n from './i18n';

/**
 * The one catalogue of messages people see when something is wrong. The server answers in
 * English with a stable problem `code` and, per field, a message that is either one of its own
 * sentences or zod's wording of the issue kind ("Too small: expected number to be >=0").
 * Both are turned into interface text here, in the user's language; library wording never
 * reaches a person.
 */

/** Problem codes whose title is replaced as a whole. */
const byCode: Record<string, string> = {
  'auth.required': 'errors.signIn',
  'auth.invalid_credentials': 'errors.invalidCredentials',
  'auth.csrf': 'errors.csrf',
  forbidden: 'errors.forbidden',
  not_found: 'errors.notFound',
  'conflict.stale_version': 'errors.stale',
  validation_failed: 'errors.validation',
  payload_too_large: 'errors.tooLarge',
  unsupported_media_type: 'errors.generic',
  internal: 'errors.generic',
  unavailable: 'errors.unavailable',
  // Modules' own problems (their manifests' errorCodes).
  'strategy.frozen': 'errors.planFrozen',
  'strategy.closed': 'errors.planClosed',
  'strategy.report_card_published': 'errors.reportCardPublished',
  'data.invalid_rows': 'errors.invalidRows',
  'data.not_additive': 'errors.notAdditive',
  'data.unreadable_file': 'errors.unreadableFile',
  'exchange.signature_invalid': 'errors.signatureInvalid',
};

type Rule = [RegExp, string, (m: RegExpMatchArray) => Record<string, string>];
const none = () => ({});

/**
 * Generic codes whose title is the calling service's own sentence ("The survey is closed"):
 * translated when a rule knows it, kept when the reader reads English (the server's language),
 * otherwise the code's sentence in the reader's language. The server never puts a library's or
 * the database's wording in these titles (error-handler.ts).
 */
const generic: Record<string, string> = {
  bad_request: 'errors.badRequest',
  conflict: 'errors.conflict',
};

/** Field messages: the server's own sentences, then zod's issue kinds. First match wins. */
const rules: Rule[] = [
  [/^Required$/, 'errors.required', none],
  [/^Start the website with http/, 'errors.website', none],
  [/^(Not a valid email address|Invalid email)/, 'errors.email', none],
  [/^Use a Canadian postal code/, 'errors.postalCode', none],
  [/^Use digits, spaces/, 'errors.phone', none],
  [/^Refers to a record that does not exist$/, 'errors.missingReference', none],
  [/^A record with these details already exists$/, 'errors.duplicate', none],
  [/^Value is not allowed here$/, 'errors.notAllowed', none],
  [/^Frozen: the plan is adopted$/, 'errors.frozenField', none],
  [/^The plan is closed$/, 'errors.closedField', none],
  [/^Published$/, 'errors.publishedField', none],
  [/^Only counts and currency amounts can be rolled up$/, 'errors.onlyAdditive', none],
  // A service's age range (directory.schema.ts and the stored-bound check of directory.service.ts).
  [/^Must be at least the minimum age\b/, 'errors.ageAtLeastMinimum', none],
  [/^Must be at most the maximum age\b/, 'errors.ageAtMostMaximum', none],
  // An id is never typed: a bad one means a list choice was left empty.
  [/^(Must be a UUID|Invalid UUID)/, 'errors.choose', none],
  [/^Invalid option/, 'errors.choose', none],
  [/^Use a year like (\S+)/, 'errors.periodYear', (m) => ({ example: m[1] })],
  [/^Use a quarter like (\S+)/, 'errors.periodQuarter', (m) => ({ example: m[1] })],
  [/^Use a month like (\S+)/, 'errors.periodMonth', (m) => ({ example: m[1] })],
  [/^Use a date like (\S+)/, 'errors.date', (m) => ({ example: m[1] })],
  [/^Use a date and time like/, 'errors.dateTime', none],
  [/^Invalid input: expected \w+, received (undefined|null)$/, 'errors.required', none],
  [/^Invalid input: expected (number|int)/, 'errors.number', none],
  [/^Too small: expected string to have >=1 characters?$/, 'errors.required', none],
  [/^Too small: expected string to have >=?(\d+) characters?$/, 'errors.textMin', (m) => ({ min: m[1] })],
  [/^Too big: expected string to have <=?(\d+) characters?$/, 'errors.textMax', (m) => ({ max: m[1] })],
  [/^Too small: expected number to be >(=?)(-?[\d.]+)$/, 'errors.numberMin', (m) => ({ min: m[2] })],
  [/^Too big: expected number to be <(=?)(-?[\d.]+)$/, 'errors.numberMax', (m) => ({ max: m[2] })],
  [/^Too small: expected array to have >=?(\d+) items?$/, 'errors.chooseAtLeast', (m) => ({ count: m[1] })],
  [/^Too big: expected array to have <=?(\d+) items?$/, 'errors.tooMany', (m) => ({ count: m[1] })],
  // The directory importer's cell messages (directory.import.ts coerce and reference checks).
  [/^Not a (whole )?number: /, 'errors.number', none],
  [/^At most (\d+) characters$/, 'errors.textMax', (m) => ({ max: m[1] })],
  [/^At least (-?[\d.]+)$/, 'errors.numberMin', (m) => ({ min: m[1] })],
  [/^At most (-?[\d.]+)$/, 'errors.numberMax', (m) => ({ max: m[1] })],
  [/^Not a date \(YYYY-MM-DD\)/, 'errors.date', () => ({ example: '2026-03-31' })],
  [/^No \w+ with id .* in the package or the directory$/, 'errors.unknownReference', none],
  [/^Must be one of /, 'errors.notAllowed', none],
  [/^(Not a UUID|Not valid JSON|Must be a JSON object|Must be text)/, 'errors.invalid', none],
  [/^Invalid (url|URL)/, 'errors.website', none],
  [/^Invalid (string|input|value|date)|^Unrecognized key|^Expected |^Invalid$/, 'errors.invalid', none],
];

/** The catalogue's sentence for a server message, or undefined when no rule knows it. */
function knownMessage(message: string): string | undefined {
  for (const [re, key, params] of rules) {
    const m = message.match(re);
    if (m) return i18n.t(key, params(m));
  }
  return undefined;
}

/** A field message from the server, in the user's language. */
export function serverMessage(message: string): string {
  return knownMessage(message) ?? message;
}

/** The sentence for a whole problem (not a field), in the user's language. */
export function problemMessage(code: string, title: string, status: number): string {
  if (code === 'auth.locked') return i18n.t('errors.locked', { minutes: title.match(/(\d+) minute/)?.[1] ?? '15' });
  if (code === 'rate_limited') return i18n.t('errors.rateLimited', { seconds: title.match(/(\d+) second/)?.[1] ?? '60' });
  const key = byCode[code];
  if (key) return i18n.t(key);
  if (status >= 500) return i18n.t('errors.generic');
  const fallback = generic[code];
  if (fallback) return knownMessage(title) ?? (i18n.language === 'en' ? title : i18n.t(fallback));
  return serverMessage(title);
}

/** Problem codes with a sentence of their own, for a test to compare with the modules' errorCodes. */
export const problemCodes = [...Object.keys(byCode), ...Object.keys(generic)];

/** Every catalogue key, so a test can check each exists in both languages. */
export const catalogueKeys = [...new Set([...Object.values(byCode), ...Object.values(generic), ...rules.map((r) => r[1]), 'errors.locked', 'errors.rateLimited'])];

setMessageTranslator({ problem: problemMessage, field: serverMessage });
