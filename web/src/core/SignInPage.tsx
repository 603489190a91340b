import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from './api';
import { LanguageSwitch } from './LanguageSwitch';
import { useMeta, useSession, useSignIn } from './session';
import { ErrorSummary, Field, type FieldErrors, useTitle } from './ui';

/** Only same-site paths, so ?next= cannot send people elsewhere. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in') ? next : '/';
}

export function SignInPage() {
  const { t } = useTranslation();
  useTitle(t('signIn.title'));
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const session = useSession();
  const meta = useMeta();
  const signIn = useSignIn();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string>();
  const [busy, setBusy] = useState(false);

  if (session.data?.user) return <Navigate to={next} replace />;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const fieldErrors: FieldErrors = {};
    if (!email.trim()) fieldErrors.email = t('signIn.emailRequired');
    if (!password) fieldErrors.password = t('signIn.passwordRequired');
    setErrors(fieldErrors);
    setMessage(undefined);
    if (Object.keys(fieldErrors).length) return;
    setBusy(true);
    try {
      await signIn(email.trim(), password);
      navigate(next, { replace: true });
    } catch (err) {
      const code = err instanceof ApiError ? err.code : '';
      setMessage(
        code === 'auth.invalid_credentials'
          ? t('signIn.invalid')
          : code === 'auth.locked'
            ? t('signIn.locked')
            : err instanceof ApiError && err.status === 429
              ? t('signIn.rateLimited')
              : err instanceof ApiError
                ? t('errors.generic')
                : t('errors.network'),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="sign-in-page">
      <header className="site-header">
        <div className="header-inner">
          <span className="product-name">{t('app.name')}</span>
          <div className="header-actions">
            <LanguageSwitch />
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="sign-in-main">
        <h1>{t('signIn.title')}</h1>
        <p className="lead">{t('signIn.lead')}</p>
        <ErrorSummary errors={errors} labels={{ email: t('signIn.email'), password: t('signIn.password') }} message={message} />
        <form onSubmit={submit} noValidate className="form sign-in-form">
          <Field path="email" label={t('signIn.email')} error={errors.email}>
            {(p) => <input {...p} type="email" name="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} />}
          </Field>
          <Field path="password" label={t('signIn.password')} error={errors.password}>
            {(p) => (
              <input {...p} type="password" name="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
            )}
          </Field>
          <button type="submit" className="button-primary" disabled={busy}>
            {busy ? t('signIn.signingIn') : t('signIn.submit')}
          </button>
        </form>
        <aside className="notice notice-info finder-invite" aria-labelledby="finder-invite-title">
          <h2 id="finder-invite-title">{t('finder.inviteTitle')}</h2>
          <p>{t('finder.inviteBody')}</p>
          <p>
            <Link to="/find">{t('finder.inviteLink')}</Link>
          </p>
        </aside>
        {meta.data?.demo ? (
          <aside className="notice notice-info demo-hint" aria-labelledby="demo-hint-title">
            <h2 id="demo-hint-title">{t('signIn.demoTitle')}</h2>
            <p>{t('signIn.demoHint')}</p>
            <p>
              {t('signIn.demoPassword')} <code>roundtable-demo</code>
            </p>
          </aside>
        ) : null}
      </main>
    </div>
  );
}
