import { lazyPage } from '../../core/lazyPage';
import { Route } from 'react-router';
import { RequireUser } from '../../core/guards';

const ApiClientsPage = lazyPage(() => import('./ApiClientsPage').then((m) => ({ default: m.ApiClientsPage })));

/** API clients: organization admins let other systems call the FHIR endpoint. */
export const apiClientsRoutes = [
  <Route key="/admin/api-clients" path="/admin/api-clients" element={<RequireUser admin><ApiClientsPage /></RequireUser>} />,
];
