import { Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { Shell } from './Shell';
import { canAdminister, useSession } from './session';
import { LoadError, Loading } from './ui';
import { preloadPage } from './lazyPage';

/** Pages behind sign-in: unauthenticated visitors go to /sign-in and come back afterwards. */
export function RequireUser({ children, admin }: { children: ReactNode; admin?: boolean }) {
  preloadPage(children);
  const session = useSession();
  const location = useLocation();
  const { t } = useTranslation();
  if (session.isPending) return <Loading />;
  if (session.isError) return <LoadError error={session.error} />;
  if (!session.data.user) {
    const next = location.pathname + location.search;
    return <Navigate to={`/sign-in${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`} replace />;
  }
  if (admin && !canAdminister(session.data.user)) {
    return (
      <Shell>
        <h1>{t('errors.forbiddenTitle')}</h1>
        <p>{t('errors.forbidden')}</p>
      </Shell>
    );
  }
  return (
    <Shell>
      <Suspense fallback={<Loading />}>{children}</Suspense>
    </Shell>
  );
}

/** Public pages (the service finder): the same shell, without the app navigation when signed out. */
export function PublicPage({ children }: { children: ReactNode }) {
  preloadPage(children);
  const session = useSession();
  if (session.isPending) return <Loading />;
  return (
    <Shell>
      <Suspense fallback={<Loading />}>{children}</Suspense>
    </Shell>
  );
}

