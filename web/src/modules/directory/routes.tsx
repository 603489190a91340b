import { lazyPage } from '../../core/lazyPage';
import { Route } from 'react-router';
import { PublicPage, RequireUser } from '../../core/guards';

const DirectoryPage = lazyPage(() => import('./DirectoryPage').then((m) => ({ default: m.DirectoryPage })));
const FinderPage = lazyPage(() => import('./FinderPage').then((m) => ({ default: m.FinderPage })));
const ServicePage = lazyPage(() => import('./ServicePage').then((m) => ({ default: m.ServicePage })));
const ReviewQueuePage = lazyPage(() => import('./ReviewQueuePage').then((m) => ({ default: m.ReviewQueuePage })));
const TaxonomyPage = lazyPage(() => import('./TaxonomyPage').then((m) => ({ default: m.TaxonomyPage })));
const ImportPage = lazyPage(() => import('./ImportPage').then((m) => ({ default: m.ImportPage })));

const user = (el: React.ReactNode) => <RequireUser>{el}</RequireUser>;

/** The service directory's pages: the public finder, and staff tools. Placed by core/App.tsx. */
export const directoryRoutes = [
  <Route key="dir-find" path="/find" element={<PublicPage><FinderPage /></PublicPage>} />,
  <Route key="dir-svc" path="/find/services/:id" element={<PublicPage><ServicePage /></PublicPage>} />,
  <Route key="dir-home" path="/directory" element={user(<DirectoryPage />)} />,
  <Route key="dir-review" path="/directory/review" element={user(<ReviewQueuePage />)} />,
  <Route key="dir-import" path="/directory/import" element={user(<ImportPage />)} />,
  <Route key="dir-tax" path="/directory/taxonomy" element={user(<TaxonomyPage />)} />,
];
