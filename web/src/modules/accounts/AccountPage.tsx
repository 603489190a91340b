import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { z } from 'zod';
import { PASSWORD_MIN, newPasswordText, passwordText } from '../../../../src/core/accounts/password-rules';
import { api } from '../../core/api';
import { Form, TextField, useZodForm } from '../../core/form';
import { useSignOut, useUser } from '../../core/session';
import { useTitle } from '../../core/ui';

/** The server's password rules (password-rules.ts, which the server's schema uses too), with the confirmation checked before sending. */
const passwordSchema = z
  .object({
    currentPassword: passwordText,
    newPassword: newPasswordText,
    confirm: z.string(),
  })
  .superRefine((v, ctx) => {
    if (v.newPassword.length >= PASSWORD_MIN && v.newPassword !== v.confirm) ctx.addIssue({ code: 'custom', path: ['confirm'], message: 'account.mismatch' });
  });
type PasswordValues = z.infer<typeof passwordSchema>;

export function AccountPage() {
  const { t } = useTranslation();
  useTitle(t('account.title'));
  const user = useUser();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const labels = { currentPassword: t('account.current'), newPassword: t('account.new'), confirm: t('account.confirm') };
  const form = useZodForm(passwordSchema, { defaultValues: { currentPassword: '', newPassword: '', confirm: '' } });

  async function submit(v: PasswordValues) {
    await api.post('/auth/password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
    form.reset({ currentPassword: '', newPassword: '', confirm: '' });
    return t('account.changed');
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
        <Form form={form} onSubmit={submit} submitLabel={t('account.submit')}>
          <TextField name="currentPassword" label={labels.currentPassword} type="password" autoComplete="current-password" required />
          <TextField name="newPassword" label={labels.newPassword} hint={t('users.passwordHint', { min: PASSWORD_MIN })} type="password" autoComplete="new-password" required />
          <TextField name="confirm" label={labels.confirm} type="password" autoComplete="new-password" required />
        </Form>
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
