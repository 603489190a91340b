import type { SessionUser } from './api';
import { canAdminister, isPlatformAdmin } from './session';

export interface NavItem {
  /** Translation key under nav.* and home.cards.* */
  key: string;
  path: string;
  admin?: boolean;
  /** Shown only to people holding one of these roles (platform admins see everything). */
  roles?: string[];
}

export const navItems: NavItem[] = [
  { key: 'home', path: '/' },
  { key: 'privacy', path: '/privacy', roles: ['privacy_officer'] },
  { key: 'intake', path: '/intake', roles: ['staff', 'org_admin', 'privacy_officer'] },
  { key: 'directory', path: '/directory' },
  { key: 'collaboratives', path: '/collaboratives' },
  { key: 'strategy', path: '/strategy' },
  { key: 'data', path: '/data' },
  { key: 'mapping', path: '/mapping' },
  { key: 'pathways', path: '/pathways' },
  { key: 'exchange', path: '/exchange' },
  { key: 'assessments', path: '/assessments' },
  { key: 'organizations', path: '/organizations' },
  { key: 'places', path: '/places' },
  { key: 'users', path: '/admin/users', admin: true },
  { key: 'audit', path: '/admin/audit', admin: true },
];

const holds = (u: SessionUser | null, ...roles: string[]) => !!u?.roles.some((r) => roles.includes(r.role));

/** The page each person starts from: the work their role does most. */
export function homePath(user: SessionUser | null): string {
  if (!user || isPlatformAdmin(user) || holds(user, 'org_admin')) return '/';
  if (holds(user, 'privacy_officer')) return '/privacy';
  const table = user.roles.find((r) => (r.role === 'coordinator' || r.role === 'member') && r.scopeType === 'collaborative' && r.scopeId);
  if (table && !holds(user, 'staff')) return `/collaboratives/${table.scopeId}`;
  if (holds(user, 'staff')) return '/intake';
  return '/';
}

/** The menu: only what the role can use, with "Home" leading to that role's home. */
export function visibleNav(user: SessionUser | null): NavItem[] {
  return navItems
    .filter((i) => !i.admin || canAdminister(user))
    .filter((i) => !i.roles || isPlatformAdmin(user) || holds(user, ...i.roles))
    .filter((i) => i.key !== 'privacy' || !isPlatformAdmin(user) || holds(user, 'privacy_officer'))
    .map((i) => (i.key === 'home' ? { ...i, path: homePath(user) } : i));
}

/** Home-page cards, most useful first: a viewer or planner sees data and plans at the top. */
export function homeCards(user: SessionUser | null): NavItem[] {
  const items = visibleNav(user).filter((i) => i.key !== 'home');
  if (!holds(user, 'viewer') || isPlatformAdmin(user)) return items;
  const first = ['strategy', 'data', 'mapping'];
  return [...items.filter((i) => first.includes(i.key)).sort((a, b) => first.indexOf(a.key) - first.indexOf(b.key)), ...items.filter((i) => !first.includes(i.key))];
}
