import { useController } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { formText } from '../../core/form';
import { LanguagePicker } from '../../core/LanguagePicker';
import { Field } from '../../core/ui';

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className="badge">{t(`intake.status.${status}`)}</span>;
}

/** Closed referrals: no follow-up is due on them any more. */
export const CLOSED_STATUSES = ['completed', 'rejected', 'cancelled'];
export const isClosed = (status: string) => CLOSED_STATUSES.includes(status);

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
