import { lazy } from 'react';
import { Route } from 'react-router';
import { RequireUser } from '../../core/guards';

const IntakePage = lazy(() => import('./IntakePage').then((m) => ({ default: m.IntakePage })));

/** This module's pages, placed by core/App.tsx. Public pages use PublicPage instead of RequireUser. */
export const intakeRoutes = [
  <Route key="/intake" path="/intake" element={<RequireUser><IntakePage /></RequireUser>} />,
];
