import { useController } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { formText } from '../../core/form';
import { languageName } from '../../core/labels';
import { LanguagePicker } from '../../core/LanguagePicker';
import { Field } from '../../core/ui';

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className="badge">{t(`intake.status.${status}`)}</span>;
}

/** Closed referrals: no follow-up is due on them any more. */
export const CLOSED_STATUSES = ['completed', 'rejected', 'cancelled'];
export const isClosed = (status: string) => CLOSED_STATUSES.includes(status);

/**
 * A directory service's name in the reader's language: the directory's French name in French
 * where it has one, otherwise the name as entered. Names are data, so the element says which
 * language it is in (`lang`), as the directory's own pages do.
 */
export const serviceName = (s: { name: string; nameFr?: string | null }, lng: string) => (lng === 'fr' && s.nameFr ? s.nameFr : s.name);
export function ServiceName({ s }: { s: { name: string; nameFr?: string | null } }) {
  const { i18n } = useTranslation();
  const fr = i18n.language === 'fr' && !!s.nameFr;
  return <strong lang={fr ? 'fr' : 'en'}>{serviceName(s, i18n.language)}</strong>;
}

/** A service's age rule in words ("ages 18 to 64"), from its range. */
export const ageRule = (t: (k: string, o?: Record<string, unknown>) => string, min: number | null, max: number | null) =>
  min != null && max != null ? t('intake.match.ages', { min, max }) : min != null ? t('intake.match.agesFrom', { min }) : max != null ? t('intake.match.agesUpTo', { max }) : '';

/**
 * Why a service was suggested, in words: the server's reasons are `kind:value` (`category:food.bank`,
 * `language:ar`, `distance:3.2`), the need named from the label catalogue and the language by Intl.
 */
export function reasonText(t: (k: string, o?: Record<string, unknown>) => string, reason: string, lng: string) {
  const [kind, value = ''] = reason.split(/:(.*)/s);
  const shown = kind === 'category' ? needLabel(t, value) : kind === 'language' ? languageName(value, lng) : value;
  return t(`intake.reason.${kind}`, { value: shown });
}

export const needLabel = (t: (k: string, o?: Record<string, unknown>) => string, code: string) => t(`intake.need.${code.split('.')[0]}`, { defaultValue: code });

/**
 * The language picker as a control of a core/form form (core/form has no control for a custom
 * widget): label, hint and error wired by core/ui's Field, the value held by react-hook-form.
 */
export function LanguageField({ name, label, hint }: { name: string; label: string; hint?: string }) {
  const { field, fieldState } = useController({ name });
  return (
    <Field path={name} label={label} hint={hint} error={formText(fieldState.error?.message)}>
      {(p) => <LanguagePicker {...p} value={(field.value as string | undefined) ?? ''} onChange={field.onChange} />}
    </Field>
  );
}
