import { describe, expect, it } from 'vitest';
import type { Actor } from './accounts/actor';
import { allowedActions, authorizeAction, type Policy } from './policy';

type Action = 'note.read' | 'note.update';
const ownerOnly: Policy<Action, { ownerId: string }> = (actor, action, note) =>
  action === 'note.read' || (actor.kind === 'user' && actor.userId === note.ownerId);
const user = (userId: string): Actor => ({ kind: 'user', userId, email: `${userId}@x.test`, name: userId, organizationId: null, isDemo: false, roles: [] });

describe('policy helpers', () => {
  it('authorizeAction throws 403 naming the action when the policy denies', () => {
    expect(() => authorizeAction(ownerOnly, user('a'), 'note.update', { ownerId: 'b' })).toThrowError(
      expect.objectContaining({ status: 403, code: 'forbidden', detail: 'note.update' }),
    );
    expect(() => authorizeAction(ownerOnly, user('b'), 'note.update', { ownerId: 'b' })).not.toThrow();
  });

  it('allowedActions gives one boolean per action', () => {
    expect(allowedActions(ownerOnly, user('a'), ['note.read', 'note.update'], { ownerId: 'b' })).toEqual({ 'note.read': true, 'note.update': false });
  });
});
