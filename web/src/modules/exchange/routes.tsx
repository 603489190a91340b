import { lazyPage } from '../../core/lazyPage';
import { Route } from 'react-router';
import { RequireUser } from '../../core/guards';

const NetworksPage = lazyPage(() => import('./pages/NetworksPage').then((m) => ({ default: m.NetworksPage })));
const ComparisonPage = lazyPage(() => import('./pages/ComparisonPage').then((m) => ({ default: m.ComparisonPage })));
const SharingPage = lazyPage(() => import('./pages/SharingPage').then((m) => ({ default: m.SharingPage })));
const TemplatesPage = lazyPage(() => import('./pages/TemplatesPage').then((m) => ({ default: m.TemplatesPage })));
const StewardPage = lazyPage(() => import('./pages/StewardPage').then((m) => ({ default: m.StewardPage })));
const PracticesPage = lazyPage(() => import('./pages/PracticesPage').then((m) => ({ default: m.PracticesPage })));
const PracticeNewPage = lazyPage(() => import('./pages/PracticeNewPage').then((m) => ({ default: m.PracticeNewPage })));
const PracticeEditPage = lazyPage(() => import('./pages/PracticeEditPage').then((m) => ({ default: m.PracticeEditPage })));
const PracticePage = lazyPage(() => import('./pages/PracticePage').then((m) => ({ default: m.PracticePage })));

const user = (el: React.ReactNode) => <RequireUser>{el}</RequireUser>;

/** Knowledge exchange's pages, placed by core/App.tsx. */
export const exchangeRoutes = [
  <Route key="ex-nets" path="/exchange" element={user(<NetworksPage />)} />,
  <Route key="ex-cmp" path="/exchange/networks/:id" element={user(<ComparisonPage />)} />,
  <Route key="ex-share" path="/exchange/networks/:id/sharing" element={user(<SharingPage />)} />,
  <Route key="ex-tpl" path="/exchange/networks/:id/templates" element={user(<TemplatesPage />)} />,
  <Route key="ex-stw" path="/exchange/networks/:id/steward" element={user(<StewardPage />)} />,
  <Route key="ex-prs" path="/exchange/practices" element={user(<PracticesPage />)} />,
  <Route key="ex-prn" path="/exchange/practices/new" element={user(<PracticeNewPage />)} />,
  <Route key="ex-pre" path="/exchange/practices/:id/edit" element={user(<PracticeEditPage />)} />,
  <Route key="ex-pr" path="/exchange/practices/:id" element={user(<PracticePage />)} />,
];
