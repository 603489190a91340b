import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { Shell } from './Shell';
import { SignInPage } from './SignInPage';
import { HomePage } from './HomePage';
import { NotFoundPage } from './NotFoundPage';
import { canAdminister, useSession } from './session';
import { LoadError, Loading } from './ui';
const DirectoryPage = lazy(() => import('../modules/directory/DirectoryPage').then((m) => ({ default: m.DirectoryPage })));
const FinderPage = lazy(() => import('../modules/directory/FinderPage').then((m) => ({ default: m.FinderPage })));
const ServicePage = lazy(() => import('../modules/directory/ServicePage').then((m) => ({ default: m.ServicePage })));
const ReviewQueuePage = lazy(() => import('../modules/directory/ReviewQueuePage').then((m) => ({ default: m.ReviewQueuePage })));
const TaxonomyPage = lazy(() => import('../modules/directory/TaxonomyPage').then((m) => ({ default: m.TaxonomyPage })));
const ImportPage = lazy(() => import('../modules/directory/ImportPage').then((m) => ({ default: m.ImportPage })));
const StrategyPage = lazy(() => import('../modules/strategy/StrategyPage').then((m) => ({ default: m.StrategyPage })));
const DataPage = lazy(() => import('../modules/data/DataPage').then((m) => ({ default: m.DataPage })));
const IntakePage = lazy(() => import('../modules/intake/IntakePage').then((m) => ({ default: m.IntakePage })));
const MappingPage = lazy(() => import('../modules/mapping/MappingPage').then((m) => ({ default: m.MappingPage })));
const CollaborativesPage = lazy(() => import('../modules/collaboratives/CollaborativesPage').then((m) => ({ default: m.CollaborativesPage })));
const OrganizationsListPage = lazy(() => import('../modules/organizations/OrganizationsListPage').then((m) => ({ default: m.OrganizationsListPage })));
const OrganizationDetailPage = lazy(() => import('../modules/organizations/OrganizationDetailPage').then((m) => ({ default: m.OrganizationDetailPage })));
const OrganizationFormPage = lazy(() => import('../modules/organizations/OrganizationFormPage').then((m) => ({ default: m.OrganizationFormPage })));
const PlacesPage = lazy(() => import('../modules/geography/PlacesPage').then((m) => ({ default: m.PlacesPage })));
const AuditLogPage = lazy(() => import('../modules/audit/AuditLogPage').then((m) => ({ default: m.AuditLogPage })));
const UsersPage = lazy(() => import('../modules/accounts/UsersPage').then((m) => ({ default: m.UsersPage })));
const AccountPage = lazy(() => import('../modules/accounts/AccountPage').then((m) => ({ default: m.AccountPage })));

/** Pages behind sign-in: unauthenticated visitors go to /sign-in and come back afterwards. */
function RequireUser({ children, admin }: { children: ReactNode; admin?: boolean }) {
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
function PublicPage({ children }: { children: ReactNode }) {
  const session = useSession();
  if (session.isPending) return <Loading />;
  return (
    <Shell>
      <Suspense fallback={<Loading />}>{children}</Suspense>
    </Shell>
  );
}

export function App() {
  const page = (el: ReactNode, admin?: boolean) => <RequireUser admin={admin}>{el}</RequireUser>;
  return (
    <Routes>
      <Route path="/sign-in" element={<SignInPage />} />
      <Route path="/" element={page(<HomePage />)} />
      <Route path="/find" element={<PublicPage><FinderPage /></PublicPage>} />
      <Route path="/find/services/:id" element={<PublicPage><ServicePage /></PublicPage>} />
      <Route path="/directory" element={page(<DirectoryPage />)} />
      <Route path="/directory/review" element={page(<ReviewQueuePage />)} />
      <Route path="/directory/import" element={page(<ImportPage />)} />
      <Route path="/directory/taxonomy" element={page(<TaxonomyPage />)} />
      <Route path="/collaboratives" element={page(<CollaborativesPage />)} />
      <Route path="/strategy" element={page(<StrategyPage />)} />
      <Route path="/data" element={page(<DataPage />)} />
      <Route path="/intake" element={page(<IntakePage />)} />
      <Route path="/mapping" element={page(<MappingPage />)} />
      <Route path="/organizations" element={page(<OrganizationsListPage />)} />
      <Route path="/organizations/new" element={page(<OrganizationFormPage />)} />
      <Route path="/organizations/:id" element={page(<OrganizationDetailPage tab="details" />)} />
      <Route path="/organizations/:id/users" element={page(<OrganizationDetailPage tab="users" />)} />
      <Route path="/organizations/:id/edit" element={page(<OrganizationFormPage />)} />
      <Route path="/places" element={page(<PlacesPage />)} />
      <Route path="/places/:id" element={page(<PlacesPage />)} />
      <Route path="/admin/users" element={page(<UsersPage />, true)} />
      <Route path="/admin/audit" element={page(<AuditLogPage />, true)} />
      <Route path="/account" element={page(<AccountPage />)} />
      <Route path="*" element={page(<NotFoundPage />)} />
    </Routes>
  );
}
