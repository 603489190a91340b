import { lazyPage } from '../../core/lazyPage';
import { Route } from 'react-router';
import { PublicPage, RequireUser } from '../../core/guards';

const DataPage = lazyPage(() => import('./DataPage').then((m) => ({ default: m.DataPage })));
const ProfilePage = lazyPage(() => import('./ProfilePage').then((m) => ({ default: m.ProfilePage })));
const DashboardsPage = lazyPage(() => import('./DashboardsPage').then((m) => ({ default: m.DashboardsPage })));
const DashboardPage = lazyPage(() => import('./DashboardPage').then((m) => ({ default: m.DashboardPage })));
const DataImportPage = lazyPage(() => import('./ImportPage').then((m) => ({ default: m.DataImportPage })));
const CataloguePage = lazyPage(() => import('./CataloguePage').then((m) => ({ default: m.CataloguePage })));

/** This module's pages, placed by core/App.tsx. Community profiles and shared dashboards are public. */
export const dataRoutes = [
  <Route key="/data" path="/data" element={<RequireUser><DataPage /></RequireUser>} />,
  <Route key="/data/indicators" path="/data/indicators" element={<RequireUser><CataloguePage /></RequireUser>} />,
  <Route key="/data/import" path="/data/import" element={<RequireUser><DataImportPage /></RequireUser>} />,
  <Route key="/data/dashboards" path="/data/dashboards" element={<RequireUser><DashboardsPage /></RequireUser>} />,
  <Route key="/data/dashboards/:id" path="/data/dashboards/:id" element={<PublicPage><DashboardPage /></PublicPage>} />,
  <Route key="/data/places/:id" path="/data/places/:id" element={<PublicPage><ProfilePage /></PublicPage>} />,
];
