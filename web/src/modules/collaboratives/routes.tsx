import { lazy } from 'react';
import { Route } from 'react-router';
import { RequireUser } from '../../core/guards';

const CollaborativesPage = lazy(() => import('./CollaborativesPage').then((m) => ({ default: m.CollaborativesPage })));

/** This module's pages, placed by core/App.tsx. Public pages use PublicPage instead of RequireUser. */
export const collaborativesRoutes = [
  <Route key="/collaboratives" path="/collaboratives" element={<RequireUser><CollaborativesPage /></RequireUser>} />,
];
