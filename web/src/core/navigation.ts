import type { SessionUser } from './api';
import { canAdminister } from './session';

export interface NavItem {
  /** Translation key under nav.* and home.cards.* */
  key: string;
  path: string;
  admin?: boolean;
}

export const navItems: NavItem[] = [
  { key: 'home', path: '/' },
  { key: 'directory', path: '/directory' },
  { key: 'collaboratives', path: '/collaboratives' },
  { key: 'strategy', path: '/strategy' },
  { key: 'data', path: '/data' },
  { key: 'intake', path: '/intake' },
  { key: 'mapping', path: '/mapping' },
  { key: 'organizations', path: '/organizations' },
  { key: 'places', path: '/places' },
  { key: 'users', path: '/admin/users', admin: true },
  { key: 'audit', path: '/admin/audit', admin: true },
];

export function visibleNav(user: SessionUser | null): NavItem[] {
  return navItems.filter((i) => !i.admin || canAdminister(user));
}
