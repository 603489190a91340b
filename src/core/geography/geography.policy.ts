import { isPlatformAdmin } from '../accounts/accounts.policy';
import type { Policy } from '../policy';

/**
 * Places are reference data every module joins on: anyone may read them (the public finder and
 * the public maps do); only a platform administrator adds or edits one.
 */
export type GeographyAction = 'geography.read' | 'geography.create' | 'geography.update';

export const can: Policy<GeographyAction, Record<string, never>> = (actor, action) => {
  if (action === 'geography.read') return true;
  return isPlatformAdmin(actor);
};
