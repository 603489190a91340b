import type { Policy } from '../../core/policy';
import { hasAnyRole } from '../../core/accounts/accounts.policy';
import type { CollaborativeAccess } from '../collaboratives/collaboratives.api';

export type AssessmentsAction =
  | 'assessments.instrument.read'
  | 'assessments.instrument.author'
  | 'assessments.round.read'
  | 'assessments.round.open'
  | 'assessments.round.close'
  | 'assessments.round.remind'
  | 'assessments.round.links'
  | 'assessments.round.answer'
  | 'assessments.results.read'
  | 'assessments.results.followUp'
  | 'assessments.welcoming.read'
  | 'assessments.welcoming.create'
  | 'assessments.welcoming.share'
  | 'assessments.survey.manage'
  | 'assessments.survey.results';

/** What an action acts on: a collaborative (the caller's access to it), and a round. */
export interface AssessmentsResource {
  access?: CollaborativeAccess;
  /** The caller is on the round's roster. */
  isRespondent?: boolean;
  status?: 'open' | 'closed';
  submitted?: boolean;
  /** A welcoming-community profile made public. */
  isPublic?: boolean;
}

/**
 * Instruments are read by everyone signed in and written by platform admins and coordinators.
 * A collaborative's coordinators (and platform admins) open, remind, hand out links and close its
 * rounds; its members see rounds and, once closed, results (aggregates only). Respondents answer
 * only while the round is open and until they submit. Nobody has an action that reads another
 * person's answers: there is none.
 */
export const can: Policy<AssessmentsAction, AssessmentsResource> = (actor, action, r) => {
  const signedIn = actor.kind === 'system' || actor.kind === 'user';
  const manage = r.access === 'manage';
  const member = manage || r.access === 'member';
  switch (action) {
    case 'assessments.instrument.read':
      return signedIn;
    case 'assessments.instrument.author':
      return hasAnyRole(actor, 'platform_admin', 'coordinator');
    case 'assessments.round.read':
      return member || !!r.isRespondent;
    case 'assessments.round.open':
      return manage;
    case 'assessments.round.close':
    case 'assessments.round.remind':
    case 'assessments.round.links':
      return manage && r.status === 'open';
    case 'assessments.round.answer':
      return !!r.isRespondent && r.status === 'open' && !r.submitted;
    case 'assessments.results.read':
      return (member || !!r.isRespondent) && r.status === 'closed';
    case 'assessments.results.followUp':
      return manage && r.status === 'closed';
    case 'assessments.welcoming.read':
      return member || !!r.isPublic;
    case 'assessments.welcoming.create':
    case 'assessments.welcoming.share':
    case 'assessments.survey.manage':
    case 'assessments.survey.results':
      return manage;
  }
};
