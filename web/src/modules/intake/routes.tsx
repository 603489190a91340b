import { lazyPage } from '../../core/lazyPage';
import { Route } from 'react-router';
import { PublicPage, RequireUser } from '../../core/guards';

const IntakePage = lazyPage(() => import('./IntakePage').then((m) => ({ default: m.IntakePage })));
const NewIntakePage = lazyPage(() => import('./NewIntakePage').then((m) => ({ default: m.NewIntakePage })));
const ClientPage = lazyPage(() => import('./ClientPage').then((m) => ({ default: m.ClientPage })));
const ReferralPage = lazyPage(() => import('./ReferralPage').then((m) => ({ default: m.ReferralPage })));
const ReportsPage = lazyPage(() => import('./ReportsPage').then((m) => ({ default: m.ReportsPage })));
const BundlesPage = lazyPage(() => import('./BundlesPage').then((m) => ({ default: m.BundlesPage })));
const AskPage = lazyPage(() => import('./AskPage').then((m) => ({ default: m.AskPage })));
const InstrumentsPage = lazyPage(() => import('./InstrumentsPage').then((m) => ({ default: m.InstrumentsPage })));
const InstrumentEditorPage = lazyPage(() => import('./InstrumentEditorPage').then((m) => ({ default: m.InstrumentEditorPage })));
const PartnerPage = lazyPage(() => import('./PartnerPage').then((m) => ({ default: m.PartnerPage })));

/** This module's pages, placed by core/App.tsx. Public pages use PublicPage instead of RequireUser. */
export const intakeRoutes = [
  <Route key="/intake" path="/intake" element={<RequireUser><IntakePage /></RequireUser>} />,
  <Route key="/intake/new" path="/intake/new" element={<RequireUser><NewIntakePage /></RequireUser>} />,
  <Route key="/intake/clients/:id" path="/intake/clients/:id" element={<RequireUser><ClientPage /></RequireUser>} />,
  <Route key="/intake/referrals/:id" path="/intake/referrals/:id" element={<RequireUser><ReferralPage /></RequireUser>} />,
  <Route key="/intake/reports" path="/intake/reports" element={<RequireUser><ReportsPage /></RequireUser>} />,
  <Route key="/intake/bundles" path="/intake/bundles" element={<RequireUser><BundlesPage /></RequireUser>} />,
  <Route key="/intake/instruments" path="/intake/instruments" element={<RequireUser><InstrumentsPage /></RequireUser>} />,
  <Route key="/intake/instruments/:id" path="/intake/instruments/:id" element={<RequireUser><InstrumentEditorPage /></RequireUser>} />,
  <Route key="/intake/ask" path="/intake/ask" element={<PublicPage><AskPage /></PublicPage>} />,
  <Route key="/intake/partner/:token" path="/intake/partner/:token" element={<PublicPage><PartnerPage /></PublicPage>} />,
];
