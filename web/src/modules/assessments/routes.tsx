import { lazyPage } from '../../core/lazyPage';
import { Route } from 'react-router';
import { PublicPage, RequireUser } from '../../core/guards';

const RoundsPage = lazyPage(() => import('./pages/RoundsPage').then((m) => ({ default: m.RoundsPage })));
const RoundPage = lazyPage(() => import('./pages/RoundPage').then((m) => ({ default: m.RoundPage })));
const AnswerPage = lazyPage(() => import('./pages/AnswerPage').then((m) => ({ default: m.AnswerPage })));
const ResultsPage = lazyPage(() => import('./pages/ResultsPage').then((m) => ({ default: m.ResultsPage })));
const WelcomingPage = lazyPage(() => import('./pages/WelcomingPage').then((m) => ({ default: m.WelcomingPage })));
const ProfilePage = lazyPage(() => import('./pages/ProfilePage').then((m) => ({ default: m.ProfilePage })));
const SurveyPage = lazyPage(() => import('./pages/SurveyPage').then((m) => ({ default: m.SurveyPage })));
const InstrumentFormPage = lazyPage(() => import('./pages/InstrumentFormPage').then((m) => ({ default: m.InstrumentFormPage })));
const CommunitySurveysPage = lazyPage(() => import('./pages/CommunitySurveysPage').then((m) => ({ default: m.CommunitySurveysPage })));
const CommunitySurveyPage = lazyPage(() => import('./pages/CommunitySurveyPage').then((m) => ({ default: m.CommunitySurveyPage })));
const InstrumentsPage = lazyPage(() => import('./pages/InstrumentsPage').then((m) => ({ default: m.InstrumentsPage })));

const user = (el: React.ReactNode) => <RequireUser>{el}</RequireUser>;

/** Assessments' pages, placed by core/App.tsx. */
export const assessmentsRoutes = [
  <Route key="as-rounds" path="/assessments" element={user(<RoundsPage />)} />,
  <Route key="as-instr" path="/assessments/instruments" element={user(<InstrumentsPage />)} />,
  <Route key="as-instr-new" path="/assessments/instruments/new" element={user(<InstrumentFormPage />)} />,
  <Route key="as-csurveys" path="/assessments/community-surveys" element={user(<CommunitySurveysPage />)} />,
  <Route key="as-csurvey" path="/assessments/community-surveys/:id" element={user(<CommunitySurveyPage />)} />,
  <Route key="as-round" path="/assessments/rounds/:id" element={user(<RoundPage />)} />,
  <Route key="as-answer" path="/assessments/rounds/:id/answer" element={user(<AnswerPage />)} />,
  <Route key="as-results" path="/assessments/rounds/:id/results" element={user(<ResultsPage />)} />,
  <Route key="as-welcoming" path="/assessments/welcoming" element={user(<WelcomingPage />)} />,
  <Route key="as-profile" path="/assessments/welcoming/:id" element={user(<ProfilePage />)} />,
  <Route key="as-profile-pub" path="/assessments/public/welcoming/:id" element={<PublicPage><ProfilePage publicLink /></PublicPage>} />,
  <Route key="as-survey-pub" path="/assessments/surveys/:id" element={<PublicPage><SurveyPage /></PublicPage>} />,
  <Route key="as-respond" path="/assessments/respond/:token" element={<PublicPage><AnswerPage publicLink /></PublicPage>} />,
];
