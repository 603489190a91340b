import { lazyPage } from '../../core/lazyPage';
import { Route } from 'react-router';
import { PublicPage, RequireUser } from '../../core/guards';

const StrategyPage = lazyPage(() => import('./StrategyPage').then((m) => ({ default: m.StrategyPage })));
const PlanPage = lazyPage(() => import('./PlanPage').then((m) => ({ default: m.PlanPage })));
const MeasurePage = lazyPage(() => import('./MeasurePage').then((m) => ({ default: m.MeasurePage })));
const ActionPlansPage = lazyPage(() => import('./ActionPlanPage').then((m) => ({ default: m.ActionPlansPage })));
const ActionPlanPage = lazyPage(() => import('./ActionPlanPage').then((m) => ({ default: m.ActionPlanPage })));
const ScorecardPage = lazyPage(() => import('./ScorecardPage').then((m) => ({ default: m.ScorecardPage })));
const ReportCardsPage = lazyPage(() => import('./ReportCardPage').then((m) => ({ default: m.ReportCardsPage })));
const ReportCardPage = lazyPage(() => import('./ReportCardPage').then((m) => ({ default: m.ReportCardPage })));
const ImportPage = lazyPage(() => import('./ImportPage').then((m) => ({ default: m.ImportPage })));
const TheoryOfChangePage = lazyPage(() => import('./TheoryOfChangePage').then((m) => ({ default: m.TheoryOfChangePage })));
const ComparePage = lazyPage(() => import('./ComparePage').then((m) => ({ default: m.ComparePage })));

const user = (el: React.ReactNode) => <RequireUser>{el}</RequireUser>;

/** This module's pages, placed by core/App.tsx. Public pages use PublicPage instead of RequireUser. */
export const strategyRoutes = [
  <Route key="/strategy" path="/strategy" element={user(<StrategyPage />)} />,
  <Route key="plan" path="/strategy/plans/:id" element={user(<PlanPage />)} />,
  <Route key="measure" path="/strategy/plans/:id/measures/:measureId" element={user(<MeasurePage />)} />,
  <Route key="aps" path="/strategy/plans/:id/action-plans" element={user(<ActionPlansPage />)} />,
  <Route key="ap" path="/strategy/plans/:id/action-plans/:apId" element={user(<ActionPlanPage />)} />,
  <Route key="scorecard" path="/strategy/plans/:id/scorecard" element={user(<ScorecardPage />)} />,
  <Route key="rcs" path="/strategy/plans/:id/report-cards" element={user(<ReportCardsPage />)} />,
  <Route key="rc" path="/strategy/plans/:id/report-cards/:cardId" element={user(<ReportCardPage />)} />,
  <Route key="import" path="/strategy/plans/:id/import" element={user(<ImportPage />)} />,
  <Route key="toc" path="/strategy/plans/:id/theory-of-change" element={user(<TheoryOfChangePage />)} />,
  <Route key="compare" path="/strategy/templates/:templateId/compare" element={user(<ComparePage />)} />,
  <Route key="pub-sc" path="/strategy/public/plans/:id" element={<PublicPage><ScorecardPage publicLink /></PublicPage>} />,
  <Route key="pub-rc" path="/strategy/public/report-cards/:cardId" element={<PublicPage><ReportCardPage publicLink /></PublicPage>} />,
];
