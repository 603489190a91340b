import { describe, expect, it } from 'vitest';
import type { Actor } from '../../core/accounts/actor';
import type { Role } from '../../core/accounts/accounts.tables';
import { can, type AssessmentsAction, type AssessmentsResource } from './assessments.policy';
import { person } from '../../../test/helpers/actors';

const user = (role: Role): Actor => person([{ role, scopeType: role === 'coordinator' || role === 'member' ? 'collaborative' : 'organization', scopeId: 'x' }], { organizationId: 'o' });
const nobody = person();
const open = (r: AssessmentsResource = {}): AssessmentsResource => ({ status: 'open', ...r });
const closed = (r: AssessmentsResource = {}): AssessmentsResource => ({ status: 'closed', ...r });

const cases: [string, Actor, AssessmentsAction, AssessmentsResource, boolean][] = [
  ['member may not manage a community survey', user('member'), 'assessments.survey.manage', { access: 'member' }, false],
  ['manager manages a community survey', user('coordinator'), 'assessments.survey.manage', { access: 'manage' }, true],
  ['member may not read survey results', user('member'), 'assessments.survey.results', { access: 'member' }, false],
  ['anyone signed in reads instruments', nobody, 'assessments.instrument.read', {}, true],
  ['viewer may not author instruments', user('viewer'), 'assessments.instrument.author', {}, false],
  ['coordinator authors instruments', user('coordinator'), 'assessments.instrument.author', {}, true],
  ['outsider may not see a round', nobody, 'assessments.round.read', open({ access: 'public' }), false],
  ['respondent sees the round', nobody, 'assessments.round.read', open({ access: 'public', isRespondent: true }), true],
  ['member sees the round', user('member'), 'assessments.round.read', open({ access: 'member' }), true],
  ['member may not open a round', user('member'), 'assessments.round.open', { access: 'member' }, false],
  ['manager opens a round', user('coordinator'), 'assessments.round.open', { access: 'manage' }, true],
  ['manager closes an open round', user('coordinator'), 'assessments.round.close', open({ access: 'manage' }), true],
  ['nobody closes a closed round', user('platform_admin'), 'assessments.round.close', closed({ access: 'manage' }), false],
  ['member may not remind', user('member'), 'assessments.round.remind', open({ access: 'member' }), false],
  ['manager issues links', user('coordinator'), 'assessments.round.links', open({ access: 'manage' }), true],
  ['respondent answers an open round', nobody, 'assessments.round.answer', open({ isRespondent: true }), true],
  ['respondent may not answer after submitting', nobody, 'assessments.round.answer', open({ isRespondent: true, submitted: true }), false],
  ['respondent may not answer a closed round', nobody, 'assessments.round.answer', closed({ isRespondent: true }), false],
  ['a manager who is not on the roster may not answer', user('coordinator'), 'assessments.round.answer', open({ access: 'manage' }), false],
  ['no results while open', user('coordinator'), 'assessments.results.read', open({ access: 'manage' }), false],
  ['member reads results once closed', user('member'), 'assessments.results.read', closed({ access: 'member' }), true],
  ['outsider reads no results', nobody, 'assessments.results.read', closed({ access: 'public' }), false],
  ['member may not hand a finding on', user('member'), 'assessments.results.followUp', closed({ access: 'member' }), false],
  ['manager hands a finding on', user('coordinator'), 'assessments.results.followUp', closed({ access: 'manage' }), true],
  ['member reads a welcoming profile', user('member'), 'assessments.welcoming.read', { access: 'member' }, true],
  ['outsider reads only a public profile', nobody, 'assessments.welcoming.read', { access: 'public' }, false],
  ['anyone reads a public profile', nobody, 'assessments.welcoming.read', { access: 'public', isPublic: true }, true],
  ['member may not make a profile', user('member'), 'assessments.welcoming.create', { access: 'member' }, false],
  ['manager makes and shares a profile', user('coordinator'), 'assessments.welcoming.share', { access: 'manage' }, true],
];

describe('assessments policy', () => {
  it.each(cases)('%s', (_name, actor, action, resource, expected) => {
    expect(can(actor, action, resource)).toBe(expected);
  });
});
