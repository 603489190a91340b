import type { Policy } from '../../core/policy';
import type { CollaborativeAccess } from '../collaboratives/collaboratives.api';

export type PathwayAction =
  | 'pathways.read'
  | 'pathways.create'
  | 'pathways.update'
  | 'pathways.publish'
  | 'pathways.delete'
  | 'pathways.flow.read'
  | 'pathways.drawing.add'
  | 'pathways.feedback.read';

/** What an action acts on: the caller's standing in the pathway's collaborative. */
export interface PathwayResource {
  access: CollaborativeAccess;
}

/**
 * Pathways are shared knowledge: every signed-in user reads them (so that one community can base
 * its own on another's). The collaborative's coordinators (and platform admins) create, edit,
 * publish and delete them. Its members, too, record workshop drawings, read the observed flow
 * (already through disclosure control) and the residents' feedback.
 */
export const can: Policy<PathwayAction, PathwayResource> = (actor, action, resource) => {
  const signedIn = actor.kind === 'system' || actor.kind === 'user';
  switch (action) {
    case 'pathways.read':
      return signedIn;
    case 'pathways.create':
    case 'pathways.update':
    case 'pathways.publish':
    case 'pathways.delete':
      return resource.access === 'manage';
    case 'pathways.flow.read':
    case 'pathways.drawing.add':
    case 'pathways.feedback.read':
      return resource.access === 'manage' || resource.access === 'member';
  }
};

export const PATHWAY_ACTIONS: readonly PathwayAction[] = ['pathways.update', 'pathways.publish', 'pathways.delete', 'pathways.flow.read', 'pathways.drawing.add', 'pathways.feedback.read'];

