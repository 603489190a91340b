import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, ApiError } from '../../core/api';
import { useSignOut, useUser } from '../../core/session';
import { ErrorSummary, Field, type FieldErrors, fieldErrorsOf, useTitle } from '../../core/ui';

export function AccountPage() {
  const { t } = useTranslation();
  useTitle(t('account.title'));
  const user = useUser();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const [f, setF] = useState({ currentPassword: '', newPassword: '', confirm: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string>();
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const labels = { currentPassword: t('account.current'), newPassword: t('account.new'), confirm: t('account.confirm') };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(false);
    setMessage(undefined);
    const local: FieldErrors = {};
    if (!f.currentPassword) local.currentPassword = t('errors.required');
    if (f.newPassword.length < 12) local.newPassword = t('account.tooShort');
    else if (f.newPassword !== f.confirm) local.confirm = t('account.mismatch');
    setErrors(local);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      await api.post('/auth/password', { currentPassword: f.currentPassword, newPassword: f.newPassword });
      setF({ currentPassword: '', newPassword: '', confirm: '' });
      setDone(true);
    } catch (err) {
      const fe = fieldErrorsOf(err);
      setErrors(fe);
      if (!Object.keys(fe).length) setMessage(err instanceof ApiError ? err.message : t('errors.network'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <h1>{t('account.title')}</h1>
      {user ? (
        <dl className="details compact">
          <dt>{t('users.name')}</dt>
          <dd>{user.name}</dd>
          <dt>{t('users.email')}</dt>
          <dd>{user.email}</dd>
          <dt>{t('users.roles')}</dt>
          <dd>{user.roles.map((r) => t(`enums.role.${r.role}`)).join(', ') || t('common.notProvided')}</dd>
        </dl>
      ) : null}
      <section className="panel" aria-labelledby="password-title">
        <h2 id="password-title">{t('account.changePassword')}</h2>
        <p>{t('account.passwordHelp')}</p>
        <ErrorSummary errors={errors} labels={labels} message={message} />
        <p role="status" className={done ? 'notice notice-success' : 'visually-hidden'}>
          {done ? t('account.changed') : ''}
        </p>
        <form className="form" onSubmit={submit} noValidate>
          <Field path="currentPassword" label={labels.currentPassword} error={errors.currentPassword}>
            {(p) => <input {...p} type="password" autoComplete="current-password" value={f.currentPassword} onChange={(e) => setF({ ...f, currentPassword: e.target.value })} />}
          </Field>
          <Field path="newPassword" label={labels.newPassword} hint={t('users.passwordHint')} error={errors.newPassword}>
            {(p) => <input {...p} type="password" autoComplete="new-password" value={f.newPassword} onChange={(e) => setF({ ...f, newPassword: e.target.value })} />}
          </Field>
          <Field path="confirm" label={labels.confirm} error={errors.confirm}>
            {(p) => <input {...p} type="password" autoComplete="new-password" value={f.confirm} onChange={(e) => setF({ ...f, confirm: e.target.value })} />}
          </Field>
          <button type="submit" className="button-primary" disabled={busy}>
            {t('account.submit')}
          </button>
        </form>
      </section>
      <section className="panel" aria-labelledby="signout-title">
        <h2 id="signout-title">{t('shell.signOut')}</h2>
        <p>{t('account.signOutHelp')}</p>
        <button
          type="button"
          className="button-secondary"
          onClick={async () => {
            await signOut();
            navigate('/sign-in');
          }}
        >
          {t('shell.signOut')}
        </button>
      </section>
    </>
  );
}
