import { lazyPage } from '../../core/lazyPage';
import { Route } from 'react-router';
import { RequireUser } from '../../core/guards';

const PrivacyPage = lazyPage(() => import('./PrivacyPage').then((m) => ({ default: m.PrivacyPage })));
const AuditLogPage = lazyPage(() => import('./AuditLogPage').then((m) => ({ default: m.AuditLogPage })));

/** This module's pages, placed by core/App.tsx: the audit log (platform admins) and the privacy officer's page. */
export const auditRoutes = [
  <Route key="/admin/audit" path="/admin/audit" element={<RequireUser admin><AuditLogPage /></RequireUser>} />,
  <Route key="/privacy" path="/privacy" element={<RequireUser><PrivacyPage /></RequireUser>} />,
];
