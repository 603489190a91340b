import { lazy } from 'react';
import { Route } from 'react-router';
import { RequireUser } from '../../core/guards';

const DataPage = lazy(() => import('./DataPage').then((m) => ({ default: m.DataPage })));

/** This module's pages, placed by core/App.tsx. Public pages use PublicPage instead of RequireUser. */
export const dataRoutes = [
  <Route key="/data" path="/data" element={<RequireUser><DataPage /></RequireUser>} />,
];
