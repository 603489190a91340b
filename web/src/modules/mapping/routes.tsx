import { lazyPage } from '../../core/lazyPage';
import { Route } from 'react-router';
import { PublicPage, RequireUser } from '../../core/guards';

const InventoryPage = lazyPage(() => import('./pages/InventoryPage').then((m) => ({ default: m.InventoryPage })));
const CoveragePage = lazyPage(() => import('./pages/CoveragePage').then((m) => ({ default: m.CoveragePage })));
const ReviewPage = lazyPage(() => import('./pages/ReviewPage').then((m) => ({ default: m.ReviewPage })));
const SnapshotsPage = lazyPage(() => import('./pages/SnapshotsPage').then((m) => ({ default: m.SnapshotsPage })));
const SnapshotPage = lazyPage(() => import('./pages/SnapshotPage').then((m) => ({ default: m.SnapshotPage })));
const ComparePage = lazyPage(() => import('./pages/ComparePage').then((m) => ({ default: m.ComparePage })));

const user = (el: React.ReactNode) => <RequireUser>{el}</RequireUser>;

/** Service mapping's pages, placed by core/App.tsx. */
export const mappingRoutes = [
  <Route key="map-inv" path="/mapping" element={user(<InventoryPage />)} />,
  <Route key="map-cov" path="/mapping/coverage" element={user(<CoveragePage />)} />,
  <Route key="map-rev" path="/mapping/review" element={user(<ReviewPage />)} />,
  <Route key="map-snaps" path="/mapping/snapshots" element={user(<SnapshotsPage />)} />,
  <Route key="map-cmp" path="/mapping/snapshots/compare" element={user(<ComparePage />)} />,
  <Route key="map-snap" path="/mapping/snapshots/:id" element={user(<SnapshotPage />)} />,
  <Route key="map-pub" path="/mapping/public/snapshots/:id" element={<PublicPage><SnapshotPage publicLink /></PublicPage>} />,
];
