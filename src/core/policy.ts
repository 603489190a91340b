import type { Actor } from './accounts/actor';
import { Errors } from './http/errors';

/**
 * A module's policy: one pure predicate over a string-literal union of actions and the
 * resource they act on. Rules live in `<module>.policy.ts`, never at the call site, and are
 * tested with a table of actor × action × resource cases.
 */
export type Policy<Action extends string, Resource> = (actor: Actor, action: Action, resource: Resource) => boolean;

/** Throws 403 `forbidden` naming the action unless the policy allows it. */
export function authorizeAction<Action extends string, Resource>(
  policy: Policy<Action, Resource>,
  actor: Actor,
  action: Action,
  resource: Resource,
): void {
  if (!policy(actor, action, resource)) throw Errors.forbidden(action);
}

/**
 * The one shape presenters use to tell the UI what the user may do with a record:
 * `{ 'pathway.update': true, 'pathway.publish': false }`.
 */
export function allowedActions<Action extends string, Resource>(
  policy: Policy<Action, Resource>,
  actor: Actor,
  actions: readonly Action[],
  resource: Resource,
): Record<Action, boolean> {
  return Object.fromEntries(actions.map((a) => [a, policy(actor, a, resource)])) as Record<Action, boolean>;
}
