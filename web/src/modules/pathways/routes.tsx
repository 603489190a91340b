import { lazy } from 'react';
import { Route } from 'react-router';
import { PublicPage, RequireUser } from '../../core/guards';

const PathwaysPage = lazy(() => import('./pages/PathwaysPage').then((m) => ({ default: m.PathwaysPage })));
const PathwayPage = lazy(() => import('./pages/PathwayPage').then((m) => ({ default: m.PathwayPage })));
const FlowPage = lazy(() => import('./pages/FlowPage').then((m) => ({ default: m.FlowPage })));
const WorkshopPage = lazy(() => import('./pages/WorkshopPage').then((m) => ({ default: m.WorkshopPage })));
const PublicPathwayPage = lazy(() => import('./pages/PublicPathwayPage').then((m) => ({ default: m.PublicPathwayPage })));

const user = (el: React.ReactNode) => <RequireUser>{el}</RequireUser>;

/** Service pathways' pages, placed by core/App.tsx. */
export const pathwaysRoutes = [
  <Route key="pw-list" path="/pathways" element={user(<PathwaysPage />)} />,
  <Route key="pw-pub" path="/pathways/public/:id" element={<PublicPage><PublicPathwayPage /></PublicPage>} />,
  <Route key="pw-one" path="/pathways/:id" element={user(<PathwayPage />)} />,
  <Route key="pw-flow" path="/pathways/:id/flow" element={user(<FlowPage />)} />,
  <Route key="pw-ws" path="/pathways/:id/workshop" element={user(<WorkshopPage />)} />,
];
