import { lazy, type ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import { PublicPage, RequireUser } from './guards';
import { collaborativesRoutes } from '../modules/collaboratives/routes';
import { strategyRoutes } from '../modules/strategy/routes';
import { dataRoutes } from '../modules/data/routes';
import { intakeRoutes } from '../modules/intake/routes';
import { apiClientsRoutes } from '../modules/api-clients/routes';
import { mappingRoutes } from '../modules/mapping/routes';
import { notificationsRoutes } from '../modules/notifications/routes';
import { pathwaysRoutes } from '../modules/pathways/routes';
import { exchangeRoutes } from '../modules/exchange/routes';
import { assessmentsRoutes } from '../modules/assessments/routes';
import { geographyRoutes } from '../modules/geography/routes';
import { auditRoutes } from '../modules/audit/routes';
import { SignInPage } from './SignInPage';
import { HomePage } from './HomePage';
import { NotFoundPage } from './NotFoundPage';
const DirectoryPage = lazy(() => import('../modules/directory/DirectoryPage').then((m) => ({ default: m.DirectoryPage })));
const FinderPage = lazy(() => import('../modules/directory/FinderPage').then((m) => ({ default: m.FinderPage })));
const ServicePage = lazy(() => import('../modules/directory/ServicePage').then((m) => ({ default: m.ServicePage })));
const ReviewQueuePage = lazy(() => import('../modules/directory/ReviewQueuePage').then((m) => ({ default: m.ReviewQueuePage })));
const TaxonomyPage = lazy(() => import('../modules/directory/TaxonomyPage').then((m) => ({ default: m.TaxonomyPage })));
const ImportPage = lazy(() => import('../modules/directory/ImportPage').then((m) => ({ default: m.ImportPage })));
const OrganizationsListPage = lazy(() => import('../modules/organizations/OrganizationsListPage').then((m) => ({ default: m.OrganizationsListPage })));
const OrganizationDetailPage = lazy(() => import('../modules/organizations/OrganizationDetailPage').then((m) => ({ default: m.OrganizationDetailPage })));
const OrganizationFormPage = lazy(() => import('../modules/organizations/OrganizationFormPage').then((m) => ({ default: m.OrganizationFormPage })));
const UsersPage = lazy(() => import('../modules/accounts/UsersPage').then((m) => ({ default: m.UsersPage })));
const AccountPage = lazy(() => import('../modules/accounts/AccountPage').then((m) => ({ default: m.AccountPage })));

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
      {collaborativesRoutes}
      {strategyRoutes}
      {dataRoutes}
      {intakeRoutes}
      {apiClientsRoutes}
      {mappingRoutes}
      {notificationsRoutes}
      {pathwaysRoutes}
      {exchangeRoutes}
      {assessmentsRoutes}
      <Route path="/organizations" element={page(<OrganizationsListPage />)} />
      <Route path="/organizations/new" element={page(<OrganizationFormPage />)} />
      <Route path="/organizations/:id" element={page(<OrganizationDetailPage tab="details" />)} />
      <Route path="/organizations/:id/users" element={page(<OrganizationDetailPage tab="users" />)} />
      <Route path="/organizations/:id/edit" element={page(<OrganizationFormPage />)} />
      {geographyRoutes}
      <Route path="/admin/users" element={page(<UsersPage />, true)} />
      {auditRoutes}
      <Route path="/account" element={page(<AccountPage />)} />
      <Route path="*" element={page(<NotFoundPage />)} />
    </Routes>
  );
}
