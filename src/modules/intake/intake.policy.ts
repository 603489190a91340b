import type { Actor } from '../../core/accounts/actor';
import { hasOrganizationRole, isPlatformAdmin, organizationIdsWithRole } from '../../core/accounts/accounts.policy';
import type { Policy } from '../../core/policy';
import { actingOrganization, canBreakGlass, isPrivacyOfficerOf, isWorker, workerOrganizations, worksForHome } from './intake.access';

/**
 * Who may do what in No Wrong Door. The rules are pure predicates over the actor and a small
 * description of the record (`IntakeResource`); what the actor may *see* of a client is not
 * decided here but in the query (intake.access.ts `covers`), and arrives as
 * `visibleCategories`. Services call `authorizeAction(can, actor, action, resource)`;
 * presenters ask `can` for the actions they offer.
 */

export type ReferralStatus = 'requested' | 'received' | 'accepted' | 'rejected' | 'on-hold' | 'in-progress' | 'completed' | 'cancelled';

/**
 * The closed-loop lifecycle (FHIR Task statuses). No state may be skipped; closed states are final.
 * on-hold is "waitlisted": accepted, but no place yet. It ends when a place opens (in-progress)
 * or the sender cancels; FHIR rejects only before accepting, so there is no on-hold → rejected.
 */
export const NEXT: Record<ReferralStatus, ReferralStatus[]> = {
  requested: ['received', 'cancelled'],
  received: ['accepted', 'rejected', 'cancelled'],
  accepted: ['in-progress', 'on-hold', 'cancelled'],
  'on-hold': ['in-progress', 'cancelled'],
  'in-progress': ['completed', 'cancelled'],
  rejected: [],
  completed: [],
  cancelled: [],
};

/** Moving a referral to a status (`intake.referral.accepted`…); nothing moves a referral back to requested. */
export type ReferralTransitionAction = `intake.referral.${ReferralStatus}`;

export type IntakeAction =
  | 'intake.client.create'
  | 'intake.client.update'
  | 'intake.client.close'
  | 'intake.client.reopen'
  | 'intake.client.merge'
  | 'intake.client.export'
  | 'intake.access_report'
  | 'intake.consent.create'
  | 'intake.consent.withdraw'
  | 'intake.consent.relinquish'
  | 'intake.emergency_access'
  | 'intake.assessment.create'
  | 'intake.plan.read'
  | 'intake.plan.update'
  | 'intake.referral.create'
  | 'intake.referral.link'
  | 'intake.referral.events'
  | 'intake.referral.contacts'
  | 'intake.referral.fhir_import'
  | ReferralTransitionAction
  | 'intake.self_referral.answer'
  | 'intake.dashboard'
  | 'intake.settings.read'
  | 'intake.settings.update'
  | 'intake.feed.publish'
  | 'intake.bundle.create'
  | 'intake.bundle.update'
  | 'intake.bundle.delete'
  | 'intake.instrument.create'
  | 'intake.instrument.update'
  | 'intake.instrument.publish'
  | 'intake.instrument.retire'
  | 'intake.instrument.delete'
  | 'intake.fhir.terminology'
  | 'intake.fhir.terminology.add'
  | 'intake.fhir.terminology.remove';

/** What a rule needs to know about the record acted on. Every field is optional; a rule that needs one and lacks it denies. */
export interface IntakeResource {
  /**
   * The organization the action concerns: the client's home organization (client, consent,
   * merge, privacy tools), the organization a new client or assessment is recorded for, a
   * bundle's, a dashboard's, settings' or self-referral's organization. `null`: region-wide.
   */
  organizationId?: string | null;
  /** The client data categories the consent query lets the actor see (intake.access.ts). */
  visibleCategories?: readonly string[];
  /** A referral: its sending and receiving organizations and its status. */
  referral?: { fromOrganizationId: string; toOrganizationId: string | null; status: ReferralStatus };
  /** The request comes from a browser session (live status needs one). */
  hasSession?: boolean;
}

const sees = (r: IntakeResource, ...categories: string[]) => categories.every((c) => r.visibleCategories?.includes(c) ?? false);
const admin = (actor: Actor) => isPlatformAdmin(actor) || organizationIdsWithRole(actor, 'org_admin').length > 0;
const worksAt = (actor: Actor, org: string | null | undefined) => !!org && workerOrganizations(actor).includes(org);

/** The referral's side the actor stands on: the sender cancels; the receiver moves it along. */
function referralSides(actor: Actor, ref: NonNullable<IntakeResource['referral']>) {
  const orgs = actor.kind === 'system' ? [ref.fromOrganizationId, ref.toOrganizationId] : workerOrganizations(actor);
  const sender = orgs.includes(ref.fromOrganizationId);
  const receiver = (!!ref.toOrganizationId && orgs.includes(ref.toOrganizationId)) || (sender && !ref.toOrganizationId);
  return { sender, receiver };
}

export const can: Policy<IntakeAction, IntakeResource> = (actor, action, r) => {
  switch (action) {
    // Client records. Reading is the consent query's business; these rules are about changing.
    case 'intake.client.create':
      // For an organization where the actor does intake (the CLI and seeds for any).
      return !!r.organizationId && (actor.kind === 'system' || worksAt(actor, r.organizationId));
    case 'intake.client.update':
      return sees(r, 'identity', 'contact', 'demographics');
    case 'intake.client.close':
    case 'intake.client.reopen':
      // The home organization, as the organization the worker acts for.
      return !!r.organizationId && actingOrganization(actor) === r.organizationId;
    case 'intake.client.merge':
      // Undoing a merge may also be done by the system (CLI).
      return actor.kind === 'system' || (!!r.organizationId && actingOrganization(actor) === r.organizationId);
    case 'intake.access_report':
      return isPlatformAdmin(actor) || isPrivacyOfficerOf(actor, r.organizationId ?? null);
    case 'intake.client.export':
      return isPrivacyOfficerOf(actor, r.organizationId ?? null);

    // Consent directives belong to the home organization that collected them: a partner named
    // in a directive may read it and give up its own place in it, never record or withdraw one.
    case 'intake.consent.create':
    case 'intake.consent.withdraw':
      return !!r.organizationId && worksForHome(actor, r.organizationId);
    case 'intake.consent.relinquish':
      return workerOrganizations(actor).some((o) => o !== r.organizationId);
    case 'intake.emergency_access':
      return actor.kind === 'user' && !!r.organizationId && canBreakGlass(actor, r.organizationId);

    case 'intake.assessment.create':
      // Asked twice: before the client is loaded (no `visibleCategories`: may the actor record
      // assessments at all, for the organization it acts for), then with what the actor sees.
      return !!r.organizationId && (r.visibleCategories === undefined || sees(r, 'assessment'));
    case 'intake.plan.read':
      return sees(r, 'plan');
    case 'intake.plan.update':
      return sees(r, 'plan') && isWorker(actor);

    // Referrals
    case 'intake.referral.create':
    case 'intake.referral.fhir_import':
      return !!actingOrganization(actor);
    case 'intake.referral.link':
      return worksAt(actor, r.referral?.fromOrganizationId);
    case 'intake.referral.events':
      return actor.kind === 'user' && isWorker(actor) && !!r.hasSession;
    case 'intake.referral.contacts':
      return isWorker(actor);
    case 'intake.referral.requested':
    case 'intake.referral.received':
    case 'intake.referral.accepted':
    case 'intake.referral.rejected':
    case 'intake.referral.on-hold':
    case 'intake.referral.in-progress':
    case 'intake.referral.completed':
    case 'intake.referral.cancelled': {
      if (!r.referral) return false;
      const to = action.slice('intake.referral.'.length) as ReferralStatus;
      if (!NEXT[r.referral.status].includes(to)) return false;
      const { sender, receiver } = referralSides(actor, r.referral);
      return to === 'cancelled' ? sender : receiver;
    }
    case 'intake.self_referral.answer':
      return actor.kind === 'system' || worksAt(actor, r.organizationId);

    // Organization reports and settings
    case 'intake.dashboard':
      return worksAt(actor, r.organizationId) || hasOrganizationRole(actor, r.organizationId, 'viewer');
    case 'intake.settings.read':
      return worksAt(actor, r.organizationId);
    case 'intake.settings.update':
      return hasOrganizationRole(actor, r.organizationId, 'org_admin');
    case 'intake.feed.publish':
      return isPlatformAdmin(actor);

    // Shared configuration: bundles, instruments, the FHIR terminology map
    case 'intake.bundle.create':
      // Any organization admin (for their organization) or a platform admin; `organizationId` given: that owner.
      return admin(actor) && (r.organizationId === undefined || isPlatformAdmin(actor) || hasOrganizationRole(actor, r.organizationId, 'org_admin'));
    case 'intake.bundle.update':
    case 'intake.bundle.delete':
      return isPlatformAdmin(actor) || hasOrganizationRole(actor, r.organizationId, 'org_admin');
    case 'intake.instrument.create':
    case 'intake.instrument.update':
    case 'intake.instrument.publish':
    case 'intake.instrument.retire':
    case 'intake.instrument.delete':
    case 'intake.fhir.terminology.add':
    case 'intake.fhir.terminology.remove':
      return admin(actor);
    case 'intake.fhir.terminology':
      return actor.kind === 'user';
  }
};

/** The statuses the actor may move a referral to (what the web offers as buttons). */
export function referralMoves(actor: Actor, referral: NonNullable<IntakeResource['referral']>): ReferralStatus[] {
  return NEXT[referral.status].filter((to) => can(actor, `intake.referral.${to}` as ReferralTransitionAction, { referral }));
}
