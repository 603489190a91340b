import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from './api';
import { LanguageSwitch } from './LanguageSwitch';
import { useMeta, useSession, useSignIn } from './session';
import { Form, TextField, useZodForm } from './form';
import { useTitle } from './ui';

/** Only same-site paths, so ?next= cannot send people elsewhere. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in') ? next : '/';
}

const signInSchema = z.object({
  email: z.string().trim().min(1, 'signIn.emailRequired'),
  password: z.string().min(1, 'signIn.passwordRequired'),
});

/** The sign-in failure as people should read it (never which of the two was wrong). */
function signInProblem(err: unknown, t: (k: string) => string): string | undefined {
  if (err instanceof ApiError && err.errors.length) return undefined; // shown on their fields
  const code = err instanceof ApiError ? err.code : '';
  if (code === 'auth.invalid_credentials') return t('signIn.invalid');
  if (code === 'auth.locked') return t('signIn.locked');
  if (err instanceof ApiError && err.status === 429) return t('signIn.rateLimited');
  return err instanceof ApiError ? t('errors.generic') : t('errors.network');
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
  const form = useZodForm(signInSchema, { defaultValues: { email: '', password: '' } });

  if (session.data?.user) return <Navigate to={next} replace />;

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
        <Form
          form={form}
          className="form sign-in-form"
          submitLabel={t('signIn.submit')}
          busyLabel={t('signIn.signingIn')}
          onError={(err) => signInProblem(err, t)}
          onSubmit={async (v) => {
            await signIn(v.email, v.password);
            navigate(next, { replace: true });
          }}
        >
          <TextField name="email" type="email" label={t('signIn.email')} autoComplete="username" />
          <TextField name="password" type="password" label={t('signIn.password')} autoComplete="current-password" />
        </Form>
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
