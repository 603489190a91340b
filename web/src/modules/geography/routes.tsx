import { lazyPage } from '../../core/lazyPage';
import { Route } from 'react-router';
import { RequireUser } from '../../core/guards';

const PlacesPage = lazyPage(() => import('./PlacesPage').then((m) => ({ default: m.PlacesPage })));

/** This module's pages, placed by core/App.tsx. */
export const geographyRoutes = [
  <Route key="/places" path="/places" element={<RequireUser><PlacesPage /></RequireUser>} />,
  <Route key="/places/:id" path="/places/:id" element={<RequireUser><PlacesPage /></RequireUser>} />,
];
