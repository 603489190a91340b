import { lazyPage } from '../../core/lazyPage';
import { Route } from 'react-router';
import { RequireUser } from '../../core/guards';

const NotificationsPage = lazyPage(() => import('./pages/NotificationsPage').then((m) => ({ default: m.NotificationsPage })));

/** The notification centre, placed by core/App.tsx. */
export const notificationsRoutes = [<Route key="/notifications" path="/notifications" element={<RequireUser><NotificationsPage /></RequireUser>} />];
