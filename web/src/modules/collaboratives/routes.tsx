import { lazyPage } from '../../core/lazyPage';
import { Route } from 'react-router';
import { PublicPage, RequireUser } from '../../core/guards';

const named = <T extends string>(load: () => Promise<Record<T, React.ComponentType>>, name: T) => lazyPage(() => load().then((m) => ({ default: m[name] })));
const CollaborativesPage = named(() => import('./CollaborativesPage'), 'CollaborativesPage');
const CollaborativeFormPage = named(() => import('./CollaborativeFormPage'), 'CollaborativeFormPage');
const CollaborativeHomePage = named(() => import('./CollaborativeHomePage'), 'CollaborativeHomePage');
const MembersPage = named(() => import('./MembersPage'), 'MembersPage');
const MeetingsPage = named(() => import('./MeetingsPage'), 'MeetingsPage');
const MeetingPage = named(() => import('./MeetingPage'), 'MeetingPage');
const DocumentsPage = named(() => import('./DocumentsPage'), 'DocumentsPage');
const FundingPage = named(() => import('./FundingPage'), 'FundingPage');
const EngagementPage = named(() => import('./EngagementPage'), 'EngagementPage');
const MyTasksPage = named(() => import('./MyTasksPage'), 'MyTasksPage');
const PublicCollaborativePage = named(() => import('./PublicCollaborativePage'), 'PublicCollaborativePage');

const user = (el: React.ReactNode) => <RequireUser>{el}</RequireUser>;

/** This module's pages, placed by core/App.tsx. */
export const collaborativesRoutes = [
  <Route key="/collaboratives" path="/collaboratives" element={user(<CollaborativesPage />)} />,
  <Route key="/collaboratives/new" path="/collaboratives/new" element={user(<CollaborativeFormPage />)} />,
  <Route key="/collaboratives/my-tasks" path="/collaboratives/my-tasks" element={user(<MyTasksPage />)} />,
  <Route key="/collaboratives/:id" path="/collaboratives/:id" element={user(<CollaborativeHomePage />)} />,
  <Route key="/collaboratives/:id/edit" path="/collaboratives/:id/edit" element={user(<CollaborativeFormPage />)} />,
  <Route key="/collaboratives/:id/members" path="/collaboratives/:id/members" element={user(<MembersPage />)} />,
  <Route key="/collaboratives/:id/meetings" path="/collaboratives/:id/meetings" element={user(<MeetingsPage />)} />,
  <Route key="/collaboratives/:id/meetings/:meetingId" path="/collaboratives/:id/meetings/:meetingId" element={user(<MeetingPage />)} />,
  <Route key="/collaboratives/:id/documents" path="/collaboratives/:id/documents" element={user(<DocumentsPage />)} />,
  <Route key="/collaboratives/:id/funding" path="/collaboratives/:id/funding" element={user(<FundingPage />)} />,
  <Route key="/collaboratives/:id/engagement" path="/collaboratives/:id/engagement" element={user(<EngagementPage />)} />,
  <Route key="/public/collaboratives/:id" path="/public/collaboratives/:id" element={<PublicPage><PublicCollaborativePage /></PublicPage>} />,
];
