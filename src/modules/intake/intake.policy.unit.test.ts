import { describe, expect, it } from 'vitest';
import type { Actor, RoleGrant } from '../../core/accounts/actor';
import { can, NEXT, referralMoves, type IntakeAction, type IntakeResource } from './intake.policy';

// HOME collected the client's consent; PARTNER is named in it; OTHER has nothing to do with the client.
const HOME = '00000000-0000-4000-8000-00000000000a';
const PARTNER = '00000000-0000-4000-8000-00000000000b';
const OTHER = '00000000-0000-4000-8000-00000000000c';
const COLLAB = '00000000-0000-4000-8000-0000000000cc';

const org = (role: RoleGrant['role'], scopeId: string): RoleGrant => ({ role, scopeType: 'organization', scopeId });
const user = (home: string | null, ...roles: RoleGrant[]): Actor => ({ kind: 'user', userId: 'u', email: 'u@example.org', name: 'U', organizationId: home, isDemo: false, roles });
const actors: Record<string, Actor> = {
  homeStaff: user(HOME, org('staff', HOME)),
  homeAdmin: user(HOME, org('org_admin', HOME)),
  homePrivacy: user(HOME, org('privacy_officer', HOME)),
  homeViewer: user(HOME, org('viewer', HOME)),
  // A partner-agency insider: works at an organization the client's consent names, not at its home.
  partnerStaff: user(PARTNER, org('staff', PARTNER)),
  partnerAdmin: user(PARTNER, org('org_admin', PARTNER)),
  partnerPrivacy: user(PARTNER, org('privacy_officer', PARTNER)),
  // Works at both: acts for HOME, its own organization.
  bothStaff: user(HOME, org('staff', HOME), org('staff', PARTNER)),
  otherStaff: user(OTHER, org('staff', OTHER)),
  platformAdmin: user(null, { role: 'platform_admin', scopeType: 'platform', scopeId: null }),
  coordinator: user(null, { role: 'coordinator', scopeType: 'collaborative', scopeId: COLLAB }),
  noRoles: user(null),
  system: { kind: 'system', label: 'cli' },
};

const ALL = ['identity', 'contact', 'demographics', 'assessment', 'referral', 'plan'];
const client = (visibleCategories: string[] = ALL): IntakeResource => ({ organizationId: HOME, visibleCategories });
const ref = (status: NonNullable<IntakeResource['referral']>['status'], to: string | null = PARTNER): IntakeResource => ({ referral: { fromOrganizationId: HOME, toOrganizationId: to, status } });

// actor × action × resource → allowed
const table: [string, IntakeAction, IntakeResource, boolean][] = [
  // Consent directives: only the home organization records or withdraws them.
  ['homeStaff', 'intake.consent.create', client(), true],
  ['partnerStaff', 'intake.consent.create', client(), false], // the insider granting itself consent
  ['partnerAdmin', 'intake.consent.create', client(), false],
  ['partnerPrivacy', 'intake.consent.create', client(), false],
  ['platformAdmin', 'intake.consent.create', client(), false],
  ['homeViewer', 'intake.consent.create', client(), false],
  ['system', 'intake.consent.create', client(), true],
  ['homeStaff', 'intake.consent.withdraw', client(), true],
  ['partnerStaff', 'intake.consent.withdraw', client(), false],
  ['partnerStaff', 'intake.consent.relinquish', client(), true],
  ['homeStaff', 'intake.consent.relinquish', client(), false], // home withdraws on the client's word instead
  ['bothStaff', 'intake.consent.relinquish', client(), true],
  ['noRoles', 'intake.consent.relinquish', client(), false],

  // Client records
  ['homeStaff', 'intake.client.create', { organizationId: HOME }, true],
  ['homeStaff', 'intake.client.create', { organizationId: PARTNER }, false],
  ['homeStaff', 'intake.client.create', { organizationId: null }, false],
  ['homeViewer', 'intake.client.create', { organizationId: HOME }, false],
  ['platformAdmin', 'intake.client.create', { organizationId: HOME }, false],
  ['system', 'intake.client.create', { organizationId: HOME }, true],
  ['partnerStaff', 'intake.client.update', client(), true],
  ['partnerStaff', 'intake.client.update', client(['identity', 'contact']), false],
  ['homeStaff', 'intake.client.update', client([]), false],
  ['homeStaff', 'intake.client.close', client(), true],
  ['partnerStaff', 'intake.client.close', client(), false],
  ['bothStaff', 'intake.client.reopen', client(), true],
  ['partnerStaff', 'intake.client.reopen', client(), false],
  ['homeAdmin', 'intake.client.merge', client(), true],
  ['partnerAdmin', 'intake.client.merge', client(), false],
  ['platformAdmin', 'intake.client.merge', client(), false],
  ['homePrivacy', 'intake.client.export', { organizationId: HOME }, true],
  ['partnerPrivacy', 'intake.client.export', { organizationId: HOME }, false],
  ['platformAdmin', 'intake.client.export', { organizationId: HOME }, false],
  ['homeStaff', 'intake.client.export', { organizationId: HOME }, false],
  ['homePrivacy', 'intake.access_report', { organizationId: HOME }, true],
  ['platformAdmin', 'intake.access_report', { organizationId: HOME }, true],
  ['partnerPrivacy', 'intake.access_report', { organizationId: HOME }, false],
  ['homeAdmin', 'intake.emergency_access', { organizationId: HOME }, true],
  ['homeStaff', 'intake.emergency_access', { organizationId: HOME }, false],
  ['homeAdmin', 'intake.emergency_access', { organizationId: null }, false],
  ['system', 'intake.emergency_access', { organizationId: HOME }, false],

  // What the consent query let the actor see decides plans and assessments.
  ['partnerStaff', 'intake.plan.read', client(['plan']), true],
  ['partnerStaff', 'intake.plan.read', client(['identity']), false],
  ['partnerStaff', 'intake.plan.update', client(['plan']), true],
  ['homeViewer', 'intake.plan.update', client(['plan']), false],
  ['homeStaff', 'intake.assessment.create', { organizationId: HOME }, true],
  ['homeStaff', 'intake.assessment.create', { organizationId: HOME, visibleCategories: ['identity'] }, false],
  ['noRoles', 'intake.assessment.create', { organizationId: null }, false],

  // Referrals: the receiver moves it along, the sender cancels; no state is skipped.
  ['homeStaff', 'intake.referral.create', {}, true],
  ['homeViewer', 'intake.referral.create', {}, false],
  ['platformAdmin', 'intake.referral.create', {}, false],
  ['partnerStaff', 'intake.referral.accepted', ref('received'), true],
  ['partnerStaff', 'intake.referral.completed', ref('received'), false], // skipping states
  ['homeStaff', 'intake.referral.accepted', ref('received'), false], // the sender does not accept for the receiver
  ['homeStaff', 'intake.referral.cancelled', ref('received'), true],
  ['partnerStaff', 'intake.referral.cancelled', ref('received'), false],
  ['homeStaff', 'intake.referral.accepted', ref('received', null), true], // outside partner: the sender records it
  ['otherStaff', 'intake.referral.accepted', ref('received'), false],
  ['partnerStaff', 'intake.referral.in-progress', ref('completed'), false], // closed is final
  ['system', 'intake.referral.accepted', ref('received'), true],
  ['homeStaff', 'intake.referral.link', ref('requested'), true],
  ['partnerStaff', 'intake.referral.link', ref('requested'), false],
  ['homeStaff', 'intake.referral.events', { hasSession: true }, true],
  ['homeStaff', 'intake.referral.events', { hasSession: false }, false],
  ['platformAdmin', 'intake.referral.events', { hasSession: true }, false],
  ['homeStaff', 'intake.referral.contacts', {}, true],
  ['coordinator', 'intake.referral.contacts', {}, false],
  ['partnerStaff', 'intake.referral.fhir_import', {}, true],
  ['noRoles', 'intake.referral.fhir_import', {}, false],
  ['homeStaff', 'intake.self_referral.answer', { organizationId: HOME }, true],
  ['partnerStaff', 'intake.self_referral.answer', { organizationId: HOME }, false],
  ['system', 'intake.self_referral.answer', { organizationId: HOME }, true],

  // Reports and settings of an organization
  ['homeViewer', 'intake.dashboard', { organizationId: HOME }, true],
  ['homeStaff', 'intake.dashboard', { organizationId: HOME }, true],
  ['partnerStaff', 'intake.dashboard', { organizationId: HOME }, false],
  ['homeStaff', 'intake.dashboard', { organizationId: null }, false],
  ['homeStaff', 'intake.settings.read', { organizationId: HOME }, true],
  ['homeViewer', 'intake.settings.read', { organizationId: HOME }, false],
  ['homeAdmin', 'intake.settings.update', { organizationId: HOME }, true],
  ['homeStaff', 'intake.settings.update', { organizationId: HOME }, false],
  ['partnerAdmin', 'intake.settings.update', { organizationId: HOME }, false],
  ['platformAdmin', 'intake.feed.publish', {}, true],
  ['homeAdmin', 'intake.feed.publish', {}, false],

  // Shared configuration
  ['homeAdmin', 'intake.bundle.create', {}, true],
  ['homeAdmin', 'intake.bundle.create', { organizationId: HOME }, true],
  ['homeAdmin', 'intake.bundle.create', { organizationId: PARTNER }, false],
  ['homeAdmin', 'intake.bundle.create', { organizationId: null }, false], // region-wide: platform admins only
  ['platformAdmin', 'intake.bundle.create', { organizationId: null }, true],
  ['homeStaff', 'intake.bundle.create', {}, false],
  ['homeAdmin', 'intake.bundle.update', { organizationId: HOME }, true],
  ['partnerAdmin', 'intake.bundle.delete', { organizationId: HOME }, false],
  ['platformAdmin', 'intake.bundle.delete', { organizationId: HOME }, true],
  ['homeAdmin', 'intake.instrument.publish', {}, true],
  ['homeStaff', 'intake.instrument.create', {}, false],
  ['platformAdmin', 'intake.instrument.retire', {}, true],
  ['homeStaff', 'intake.fhir.terminology', {}, true],
  ['system', 'intake.fhir.terminology', {}, false],
  ['homeAdmin', 'intake.fhir.terminology.add', {}, true],
  ['homeStaff', 'intake.fhir.terminology.remove', {}, false],
];

describe('intake policy', () => {
  it.each(table)('%s %s on %j → %s', (who, action, resource, expected) => {
    expect(can(actors[who], action, resource)).toBe(expected);
  });

  it('offers the receiver the next steps and the sender only cancelling', () => {
    const r = ref('received').referral!;
    expect(referralMoves(actors.partnerStaff, r)).toEqual(['accepted', 'rejected']);
    expect(referralMoves(actors.homeStaff, r)).toEqual(['cancelled']);
    expect(referralMoves(actors.otherStaff, r)).toEqual([]);
    expect(NEXT.completed).toEqual([]);
  });
});
