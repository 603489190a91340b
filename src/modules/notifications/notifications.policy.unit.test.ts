import { describe, expect, it } from 'vitest';
import type { Actor } from '../../core/accounts/actor';
import { can, type NotificationAction } from './notifications.policy';

const user = (userId: string, role: 'platform_admin' | 'staff' = 'staff'): Actor => ({
  kind: 'user', userId, email: `${userId}@x.test`, name: userId, organizationId: null, isDemo: false,
  roles: [role === 'platform_admin' ? { role, scopeType: 'platform', scopeId: null } : { role, scopeType: 'organization', scopeId: 'o1' }],
});
const me = 'u-me';

describe('notifications policy', () => {
  const actions: NotificationAction[] = ['notification.read', 'notification.markRead', 'notification.settings.update'];
  it.each([
    ['the owner', user(me), true],
    ['another worker', user('u-other'), false],
    ['a platform admin', user('u-admin', 'platform_admin'), false],
    ['the system', { kind: 'system', label: 'cli' } as Actor, false],
  ])('%s → %s', (_label, actor, allowed) => {
    for (const action of actions) expect(can(actor, action, { ownerId: me }), action).toBe(allowed);
  });
});
