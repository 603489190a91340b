import { lazyPage } from '../../core/lazyPage';
import { Route } from 'react-router';
import { PublicPage, RequireUser } from '../../core/guards';

const PathwaysPage = lazyPage(() => import('./pages/PathwaysPage').then((m) => ({ default: m.PathwaysPage })));
const PathwayPage = lazyPage(() => import('./pages/PathwayPage').then((m) => ({ default: m.PathwayPage })));
const FlowPage = lazyPage(() => import('./pages/FlowPage').then((m) => ({ default: m.FlowPage })));
const WorkshopPage = lazyPage(() => import('./pages/WorkshopPage').then((m) => ({ default: m.WorkshopPage })));
const PublicPathwayPage = lazyPage(() => import('./pages/PublicPathwayPage').then((m) => ({ default: m.PublicPathwayPage })));

const user = (el: React.ReactNode) => <RequireUser>{el}</RequireUser>;

/** Service pathways' pages, placed by core/App.tsx. */
export const pathwaysRoutes = [
  <Route key="pw-list" path="/pathways" element={user(<PathwaysPage />)} />,
  <Route key="pw-pub" path="/pathways/public/:id" element={<PublicPage><PublicPathwayPage /></PublicPage>} />,
  <Route key="pw-one" path="/pathways/:id" element={user(<PathwayPage />)} />,
  <Route key="pw-flow" path="/pathways/:id/flow" element={user(<FlowPage />)} />,
  <Route key="pw-ws" path="/pathways/:id/workshop" element={user(<WorkshopPage />)} />,
];
