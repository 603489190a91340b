import { lazy } from 'react';
import { Route } from 'react-router';
import { RequireUser } from '../../core/guards';

const StrategyPage = lazy(() => import('./StrategyPage').then((m) => ({ default: m.StrategyPage })));

/** This module's pages, placed by core/App.tsx. Public pages use PublicPage instead of RequireUser. */
export const strategyRoutes = [
  <Route key="/strategy" path="/strategy" element={<RequireUser><StrategyPage /></RequireUser>} />,
];
