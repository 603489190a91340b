import { describe, expect, it } from 'vitest';
import type { SessionUser } from './api';
import { homePath, visibleNav } from './navigation';

const user = (...roles: [string, string, string | null][]): SessionUser => ({
  id: 'u',
  email: 'u@example.org',
  name: 'U',
  organizationId: null,
  isDemo: true,
  roles: roles.map(([role, scopeType, scopeId]) => ({ role, scopeType, scopeId })),
});
const keys = (u: SessionUser) => visibleNav(u).map((i) => i.key);

describe('each role at home', () => {
  it('sends each role to the work it does', () => {
    expect(homePath(user(['staff', 'organization', 'o1']))).toBe('/intake');
    expect(homePath(user(['coordinator', 'collaborative', 'c1']))).toBe('/collaboratives/c1');
    expect(homePath(user(['privacy_officer', 'organization', 'o1']))).toBe('/privacy');
    expect(homePath(user(['viewer', 'organization', 'o1']))).toBe('/');
    expect(homePath(user(['platform_admin', 'platform', null]))).toBe('/');
  });
  it('shows in the menu only what the role can open', () => {
    const viewer = keys(user(['viewer', 'organization', 'o1']));
    expect(viewer).not.toContain('intake');
    expect(viewer).not.toContain('users');
    expect(viewer).not.toContain('audit');
    expect(viewer).not.toContain('privacy');
    expect(viewer).toEqual(expect.arrayContaining(['strategy', 'data']));
    expect(keys(user(['staff', 'organization', 'o1']))).toContain('intake');
    expect(keys(user(['privacy_officer', 'organization', 'o1']))).toEqual(expect.arrayContaining(['privacy', 'intake']));
    expect(keys(user(['platform_admin', 'platform', null]))).toEqual(expect.arrayContaining(['intake', 'users', 'audit']));
  });
  it('points "Home" at the role’s home', () => {
    expect(visibleNav(user(['staff', 'organization', 'o1']))[0]).toMatchObject({ key: 'home', path: '/intake' });
  });
});
