import { type ReactNode } from 'react';
import { lazyPage } from './lazyPage';
import { Route, Routes } from 'react-router';
import { RequireUser } from './guards';
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
import { directoryRoutes } from '../modules/directory/routes';
import { geographyRoutes } from '../modules/geography/routes';
import { auditRoutes } from '../modules/audit/routes';
import { SignInPage } from './SignInPage';
import { HomePage } from './HomePage';
import { NotFoundPage } from './NotFoundPage';
const OrganizationsListPage = lazyPage(() => import('../modules/organizations/OrganizationsListPage').then((m) => ({ default: m.OrganizationsListPage })));
const OrganizationDetailPage = lazyPage(() => import('../modules/organizations/OrganizationDetailPage').then((m) => ({ default: m.OrganizationDetailPage })));
const OrganizationFormPage = lazyPage(() => import('../modules/organizations/OrganizationFormPage').then((m) => ({ default: m.OrganizationFormPage })));
const UsersPage = lazyPage(() => import('../modules/accounts/UsersPage').then((m) => ({ default: m.UsersPage })));
const AccountPage = lazyPage(() => import('../modules/accounts/AccountPage').then((m) => ({ default: m.AccountPage })));

export function App() {
  const page = (el: ReactNode, admin?: boolean) => <RequireUser admin={admin}>{el}</RequireUser>;
  return (
    <Routes>
      <Route path="/sign-in" element={<SignInPage />} />
      <Route path="/" element={page(<HomePage />)} />
      {directoryRoutes}
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
