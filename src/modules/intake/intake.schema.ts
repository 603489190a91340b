import { z } from 'zod';
import { requiredText, text, uuid } from '../../shared/contracts';

/**
 * The contracts of No Wrong Door: zod schemas for every request and response. Server-free
 * (zod and src/shared/contracts only), so the web imports its types from here.
 */

/** The kinds of client data a consent directive covers. */
export const dataCategories = ['identity', 'contact', 'demographics', 'assessment', 'referral', 'plan'] as const;
export type DataCategory = (typeof dataCategories)[number];

/** Why a client record is read or written; every access-log row carries one. */
export const purposes = ['service_delivery', 'referral', 'care_coordination', 'privacy_review', 'access_request', 'emergency'] as const;
export type Purpose = (typeof purposes)[number];

export const IdParams = z.object({ id: uuid });
export const TokenParams = z.object({ token: z.string().min(20).max(100).regex(/^[A-Za-z0-9_-]+$/, 'Not a link token') });
export const PurposeQuery = z.object({
  purpose: z.enum(purposes).default('service_delivery').describe('Why you are reading this client record; written to the audit log'),
});

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use the form YYYY-MM-DD');
const isoDateTime = z.string().datetime({ offset: true, message: 'Use an ISO 8601 date and time' });

export const settlementStages = ['immediate', 'intermediate', 'final'] as const;
export const consentMethods = ['signed_on_screen', 'paper_scanned', 'verbal_witnessed'] as const;
export const consentPurposes = ['intake', 'referral', 'care_coordination', 'shared_plan'] as const;
export const referralStatuses = ['requested', 'received', 'accepted', 'rejected', 'on-hold', 'in-progress', 'completed', 'cancelled'] as const;
export const referralOutcomes = ['service_received', 'not_eligible', 'could_not_reach', 'declined'] as const;
export const urgencies = ['routine', 'soon', 'urgent'] as const;

export const HouseholdMember = z.object({
  name: requiredText(200).describe('Name'),
  relationship: text(100).optional().describe('e.g. spouse, child'),
  birthDate: isoDate.optional().describe('Date of birth'),
});

const ClientFields = {
  name: requiredText(200).describe('Legal or usual full name (encrypted at rest)'),
  preferredName: text(200).optional().describe('What the person likes to be called'),
  birthDate: isoDate.optional().describe('Date of birth, YYYY-MM-DD'),
  preferredLanguage: z.string().regex(/^[a-z]{2,3}$/, 'Use an ISO 639 code such as en, fr, ar').optional().describe('ISO 639 code'),
  phone: text(40).optional(),
  email: z.string().email('Not an email address').max(320).optional(),
  identifiers: z.array(z.object({ type: requiredText(60), value: requiredText(100) })).max(10).optional().describe('Optional identifiers (e.g. UCI)'),
  household: z.array(HouseholdMember).max(20).optional(),
  settlementStage: z.enum(settlementStages).optional(),
  immigrationCategory: text(100).optional().describe('Only where relevant and consented'),
  municipalityId: uuid.optional().describe('Municipality of residence (geography id)'),
};

export const ConsentInput = z.object({
  purpose: z.enum(consentPurposes),
  dataCategories: z.array(z.enum(dataCategories)).min(1, 'Choose at least one category'),
  organizationIds: z.array(uuid).max(50).default([]),
  collaborativeId: uuid.optional(),
  externalPartner: text(200).optional().describe('An organization not on the platform, by name'),
  method: z.enum(consentMethods),
  witnessName: text(200).optional().describe('Required for verbal consent'),
  documentReference: text(300).optional().describe('Where the signed or scanned form is kept'),
  startsAt: isoDateTime.optional(),
  expiresAt: isoDateTime.optional(),
});
export type ConsentInput = z.infer<typeof ConsentInput>;

export const CreateClientBody = z.object({
  ...ClientFields,
  organizationId: uuid.optional().describe('The organization doing the intake (default: yours)'),
  consent: ConsentInput.omit({ purpose: true }).partial({ dataCategories: true }).describe('The intake consent the person gave'),
  confirmNotDuplicate: z.boolean().default(false).describe('Create even though possible duplicates were found'),
  selfReferralId: uuid.optional().describe('The self-referral from the finder this intake answers; it is closed and linked to the new record'),
});
export type CreateClientInput = z.infer<typeof CreateClientBody>;

/** Any field left out stays as it is; `null` clears an optional field. */
export const UpdateClientBody = z.object({
  name: ClientFields.name.optional(),
  preferredName: ClientFields.preferredName.nullable(),
  birthDate: ClientFields.birthDate.nullable(),
  preferredLanguage: ClientFields.preferredLanguage.nullable(),
  phone: ClientFields.phone.nullable(),
  email: ClientFields.email.nullable(),
  identifiers: ClientFields.identifiers.nullable(),
  household: ClientFields.household.nullable(),
  settlementStage: ClientFields.settlementStage.nullable(),
  immigrationCategory: ClientFields.immigrationCategory.nullable(),
  municipalityId: ClientFields.municipalityId.nullable(),
  version: z.number().int(),
});
export const closeReasons = ['goals_met', 'moved_away', 'declined_services', 'no_contact', 'transferred', 'other'] as const;
export const CloseClientBody = z.object({
  reason: z.enum(closeReasons).describe('Why the record is closed'),
  note: text(1000).optional().describe('Required when the reason is "other"'),
});

export const ClientSchema = z.object({
  id: uuid,
  homeOrganizationId: uuid,
  name: z.string().nullable(),
  preferredName: z.string().nullable(),
  birthDate: z.string().nullable(),
  preferredLanguage: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  identifiers: z.array(z.object({ type: z.string(), value: z.string() })).nullable(),
  household: z.array(z.object({ name: z.string(), relationship: z.string().optional(), birthDate: z.string().optional() })).nullable(),
  settlementStage: z.string().nullable(),
  immigrationCategory: z.string().nullable(),
  municipalityId: z.string().nullable(),
  isFictional: z.boolean(),
  status: z.string(),
  closedAt: z.string().nullable(),
  closedReason: z.string().nullable(),
  mergedInto: z.string().nullable(),
  visibleCategories: z.array(z.string()).describe('Data categories your consent covers'),
  emergencyAccess: z.boolean().describe('You see this through break-the-glass access'),
  version: z.number().int(),
  createdAt: z.string(),
});
export const ClientSummary = ClientSchema.pick({ id: true, name: true, preferredName: true, birthDate: true, status: true, homeOrganizationId: true, isFictional: true });
export const ClientListQuery = z.object({ q: text(200).optional().describe('Name words (exact or sounds-alike)'), birthDate: isoDate.optional(), ...PurposeQuery.shape });
export const ClientListSchema = z.object({ items: z.array(ClientSummary) });
export const DuplicateSchema = z.object({
  type: z.string(), title: z.string(), status: z.number(), code: z.string(),
  candidates: z.array(z.object({ id: uuid, name: z.string().nullable(), birthDate: z.string().nullable(), score: z.number() })),
});
export const CreatedClientSchema = ClientSchema;

export const ConsentSchema = z.object({
  id: uuid, clientId: uuid, purpose: z.string(), dataCategories: z.array(z.string()), organizationIds: z.array(z.string()),
  collaborativeId: z.string().nullable(), externalPartner: z.string().nullable(), method: z.string(), witnessName: z.string().nullable(),
  documentReference: z.string().nullable(), startsAt: z.string(), expiresAt: z.string().nullable(), withdrawnAt: z.string().nullable(),
  active: z.boolean(), createdAt: z.string(),
});
export const ConsentListSchema = z.object({ items: z.array(ConsentSchema) });
export const ConsentParams = z.object({ id: uuid, consentId: uuid });

export const EmergencyBody = z.object({
  reason: requiredText(1000).pipe(z.string().min(10, 'Explain the emergency in at least 10 characters')),
  minutes: z.number().int().min(5).max(240).default(60),
});
export const EmergencySchema = z.object({ id: uuid, clientId: uuid, expiresAt: z.string() });

export const MergeBody = z.object({ intoId: uuid.describe('The client record that stays'), reason: requiredText(500) });
export const MergeSchema = z.object({ id: uuid, sourceId: uuid, targetId: uuid, mergedAt: z.string(), undoneAt: z.string().nullable() });

export const AccessReportSchema = z.object({
  items: z.array(z.object({ at: z.string(), actor: z.string(), action: z.string(), purpose: z.string().nullable(), organizationId: z.string().nullable() })),
});
export const ExportSchema = z.record(z.string(), z.unknown());

// Screening
const instrumentCode = z.string().regex(/^[a-z][a-z0-9-]*$/, 'Use lower-case letters, digits and hyphens, starting with a letter');
const Bilingual = (max: number) => z.object({ en: requiredText(max).describe('English'), fr: requiredText(max).describe('French') });
const InstrumentRule = z.object({
  when: z.object({
    acuityAtMost: z.number().int().min(1).max(5).optional().describe('Fires when the acuity given is this or lower (1 in crisis … 5 thriving)'),
    question: z.string().optional().describe('Fires when this question of the same domain is answered yes'),
  }),
  needCode: requiredText(100).describe('Directory taxonomy code of the need this rule identifies'),
  urgency: z.enum(urgencies).describe('How soon the need should be met'),
});
const InstrumentDomain = z.object({
  code: instrumentCode.describe('Domain code, unique in the instrument (answers are keyed by it)'),
  label: Bilingual(200).describe('Domain name shown to workers'),
  needCode: requiredText(100).describe('Directory taxonomy code this domain\'s need maps to'),
  questions: z.array(z.object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'Use lower-case letters, digits and _, starting with a letter').describe('Question id, unique in its domain'),
    text: Bilingual(500).describe('The yes/no question'),
  })).max(20),
  rules: z.array(InstrumentRule).max(20).describe('Rules that turn answers into needs; the most urgent one that fires wins'),
});

/** Cross-field rules of an instrument definition, each issue naming the path at fault. */
function checkDefinition(def: { domains: z.infer<typeof InstrumentDomain>[] }, ctx: z.RefinementCtx) {
  const codes = new Map<string, number>();
  def.domains.forEach((d, i) => {
    if (codes.has(d.code)) ctx.addIssue({ code: 'custom', path: ['domains', i, 'code'], message: `The code "${d.code}" is already used by domain ${codes.get(d.code)! + 1}` });
    else codes.set(d.code, i);
    const ids = new Set<string>();
    d.questions.forEach((q, j) => {
      if (ids.has(q.id)) ctx.addIssue({ code: 'custom', path: ['domains', i, 'questions', j, 'id'], message: `The question id "${q.id}" is used twice in this domain` });
      ids.add(q.id);
    });
    d.rules.forEach((r, k) => {
      if (r.when.acuityAtMost === undefined && r.when.question === undefined) {
        ctx.addIssue({ code: 'custom', path: ['domains', i, 'rules', k, 'when', 'acuityAtMost'], message: 'Give an acuity, a question, or both' });
      }
      if (r.when.question !== undefined && !ids.has(r.when.question)) {
        ctx.addIssue({ code: 'custom', path: ['domains', i, 'rules', k, 'when', 'question'], message: `"${r.when.question}" is not a question of this domain` });
      }
    });
  });
}

export const InstrumentDefinition = z.object({
  domains: z.array(InstrumentDomain).min(1, 'Add at least one domain').max(30),
}).superRefine(checkDefinition);
export type InstrumentDefinition = z.infer<typeof InstrumentDefinition>;
export const CreateInstrumentBody = z.object({
  code: instrumentCode.describe('Instrument code; versions share it'),
  name: requiredText(200).describe('Name shown to workers'),
  definition: InstrumentDefinition,
});
export const UpdateInstrumentBody = z.object({ name: requiredText(200).optional(), definition: InstrumentDefinition.optional(), version: z.number().int().describe('The version you edited (409 if stale)') });
export const InstrumentSchema = z.object({
  id: uuid, code: z.string(), instrumentVersion: z.number().int(), name: z.string(), status: z.enum(['draft', 'published', 'retired']),
  definition: z.record(z.string(), z.unknown()), publishedAt: z.string().nullable(), version: z.number().int(),
});
export const InstrumentListSchema = z.object({ items: z.array(InstrumentSchema) });

export const AssessmentBody = z.object({
  instrumentId: uuid,
  answers: z.record(z.string(), z.object({ acuity: z.number().int().min(1).max(5), yes: z.array(z.string()).max(20).default([]), note: text(1000).optional() })),
});
export const AssessmentSchema = z.object({
  id: uuid, instrumentId: uuid, instrumentVersion: z.number().int(), assessedAt: z.string(),
  acuity: z.record(z.string(), z.number()),
  needs: z.array(z.object({ domain: z.string(), needCode: z.string(), urgency: z.string() })),
});
export const AssessmentListSchema = z.object({ items: z.array(AssessmentSchema) });

export const MatchSchema = z.object({
  items: z.array(z.object({
    needCode: z.string(), urgency: z.string(),
    services: z.array(z.object({ serviceId: z.string(), name: z.string(), nameFr: z.string().nullable().describe("The directory's French name, null when it has none"), organizationId: z.string(), organizationName: z.string(), distanceKm: z.number().nullable(), reasons: z.array(z.string()), eligible: z.boolean() })),
  })),
  bundles: z.array(z.object({
    id: z.string(), name: z.string(), serviceIds: z.array(z.string()),
    description: z.string(), needCodes: z.array(z.string()).describe('All of these are needs of the client'), maxAcuity: z.number().int(),
    clientAcuity: z.number().int().describe("The client's lowest acuity in the latest screening, at or under maxAcuity"),
    services: z.array(z.object({ serviceId: z.string(), name: z.string(), nameFr: z.string().nullable(), organizationId: z.string(), organizationName: z.string(), eligible: z.boolean(), eligibilityRule: z.string().nullable().describe('The age rule in English, for machines and logs (e.g. "age 0–17")'), minimumAge: z.number().nullable(), maximumAge: z.number().nullable() })),
  })),
});

// Referrals
export const CreateReferralBody = z.object({
  clientId: uuid,
  toOrganizationId: uuid.optional(),
  toUserId: uuid.optional().describe('A named contact at the receiving organization; omit for its intake queue'),
  externalPartner: text(200).optional().describe('A partner not on the platform (gets a secure link)'),
  toContactName: text(200).optional(),
  toContactEmail: z.string().email('Not an email address').max(320).optional(),
  serviceId: uuid.optional(),
  needCode: text(100).optional(),
  reason: requiredText(2000),
  urgency: z.enum(urgencies).default('routine'),
  sharedCategories: z.array(z.enum(dataCategories)).default(['identity', 'contact']),
  eligibilityOverrideReason: text(1000).optional().describe('Required to refer to a service whose eligibility the client does not meet'),
});
export const TransitionBody = z.object({
  to: z.enum(referralStatuses),
  reason: text(1000).optional().describe('Required when rejecting or cancelling'),
  outcome: z.enum(referralOutcomes).optional().describe('Required when completing'),
  expectedDate: isoDate.optional().describe('When putting on the waitlist (on-hold): when a place is expected, if known'),
  version: z.number().int().optional(),
});
export const ReferralEventSchema = z.object({ fromStatus: z.enum(referralStatuses).nullable(), toStatus: z.enum(referralStatuses), actor: z.string(), reason: z.string().nullable(), at: z.string() });
export const ReferralSchema = z.object({
  id: uuid, clientId: uuid, clientName: z.string().nullable().describe('Only when consent covers your organization'),
  fromOrganizationId: uuid, fromOrganizationName: z.string().nullable(), toOrganizationId: z.string().nullable(), toOrganizationName: z.string().nullable(),
  toUserId: z.string().nullable(), externalPartner: z.string().nullable(), toContactName: z.string().nullable(),
  serviceId: z.string().nullable(), serviceName: z.string().nullable(), needCode: z.string().nullable(),
  reason: z.string().nullable(), urgency: z.enum(urgencies), sharedCategories: z.array(z.enum(dataCategories)),
  status: z.enum(referralStatuses), statusReason: z.string().nullable(), outcome: z.string().nullable(), eligibilityOverrideReason: z.string().nullable(),
  sentAt: z.string(), followUpDueAt: z.string(), overdue: z.boolean(), version: z.number().int(),
  waitlistedAt: z.string().nullable().describe('When the receiver put the referral on its waitlist (on-hold)'),
  waitlistExpectedOn: z.string().nullable().describe('When the receiver expects a place (YYYY-MM-DD), if it said'),
  events: z.array(ReferralEventSchema),
  actions: z.array(z.enum(referralStatuses)).describe('Transitions you may make now'),
});
export const ReferralListSchema = z.object({ items: z.array(ReferralSchema) });
export const ReferralListQuery = z.object({ direction: z.enum(['incoming', 'outgoing']).default('incoming'), status: z.enum(referralStatuses).optional() });
export const LinkSchema = z.object({ url: z.string(), token: z.string(), expiresAt: z.string() });
export const PartnerViewSchema = z.object({
  referralId: uuid, status: z.string(), closed: z.boolean().describe('The referral is closed: nothing else is shown'),
  fromOrganizationName: z.string().nullable(), serviceName: z.string().nullable(), urgency: z.string().nullable(),
  reason: z.string().nullable(), client: z.record(z.string(), z.unknown()), canRespond: z.boolean(), canReportOutcome: z.boolean(), expiresAt: z.string(),
});
export const PartnerResponseBody = z.object({
  decision: z.enum(['accept', 'decline', 'waitlist']).describe('waitlist: accepted, but no place yet (on-hold)'),
  reason: text(1000).optional().describe('Required when declining'),
  expectedDate: isoDate.optional().describe('When waitlisting: when a place is expected, if known'),
});
export const PartnerOutcomeBody = z.object({ outcome: z.enum(referralOutcomes), note: text(1000).optional() });
export const FhirBundleSchema = z.object({ resourceType: z.literal('Bundle'), type: z.string(), entry: z.array(z.object({ resource: z.record(z.string(), z.unknown()) })) });

// Plans
export const PlanContent = z.object({
  goals: z.array(z.object({ term: z.enum(['short', 'long']), text: requiredText(500), steps: z.array(z.object({ text: requiredText(500), who: text(200).optional(), done: z.boolean().default(false) })).max(30).default([]) })).max(30).default([]),
  strengths: text(2000).default(''),
  notes: text(5000).default(''),
  team: z.array(z.object({ name: requiredText(200), role: text(200).optional(), organizationId: uuid.optional() })).max(30).default([]),
});
export const PlanBody = z.object({ content: PlanContent, version: z.number().int().describe('0 when creating the plan') });
/** The same shape for responses, without the input trimming (response schemas must not transform). */
const PlanContentOut = z.object({
  goals: z.array(z.object({ term: z.enum(['short', 'long']), text: z.string(), steps: z.array(z.object({ text: z.string(), who: z.string().optional(), done: z.boolean() })) })),
  strengths: z.string(),
  notes: z.string(),
  team: z.array(z.object({ name: z.string(), role: z.string().optional(), organizationId: uuid.optional() })),
});
export const PlanSchema = z.object({
  clientId: uuid, content: PlanContentOut, version: z.number().int(), updatedAt: z.string().nullable(),
  conferences: z.array(z.object({ id: uuid, heldAt: z.string(), attendees: z.array(z.string()), notes: z.string().nullable() })),
});
export const ConferenceBody = z.object({ heldAt: isoDateTime, attendees: z.array(requiredText(200)).min(1, 'Name at least one attendee').max(30), notes: text(5000).optional() });

// Worklists, dashboard, feed
export const WorklistSchema = z.object({
  clients: z.array(ClientSummary),
  overdueFollowUps: z.array(ReferralSchema),
  incoming: z.array(ReferralSchema),
  reassessmentsDue: z.array(z.object({ clientId: uuid, name: z.string().nullable(), lastAssessedAt: z.string() })),
  waitlisted: z.array(ReferralSchema).describe('Referrals you sent that the receiver has waitlisted'),
  alerts: z.array(z.object({ id: uuid, kind: z.string(), clientId: z.string().nullable(), actor: z.string(), message: z.string(), createdAt: z.string() })),
  selfReferrals: z.array(z.object({ id: uuid, firstName: z.string(), contact: z.string(), needCode: z.string().nullable(), preferredLanguage: z.string().nullable(), createdAt: z.string() })),
});
export const DashboardSchema = z.object({
  organizationId: uuid,
  byMonth: z.array(z.object({ month: z.string(), sent: z.number(), received: z.number() })),
  byStatus: z.array(z.object({ status: z.string(), count: z.number() })),
  medianHoursToAccept: z.number().nullable(),
  completionRate: z.number().nullable(),
  overdue: z.number(),
});
const Cell = z.object({
  value: z.number().nullable(), display: z.string(), suppressed: z.boolean(),
  reason: z.enum(['primary', 'complementary']).nullable().describe('Why suppressed: primary (a count of 1–4) or complementary (so a suppressed count cannot be worked out by subtraction)'),
});
export const FeedSchema = z.object({
  suppressionThreshold: z.number(),
  rows: z.array(z.object({
    measure: z.enum(['needs_identified', 'referrals', 'unmet_needs', 'referral_paths']),
    month: z.string(), municipality: z.string().nullable(), municipalityCode: z.string().nullable().describe('Statistics Canada SGC code'), category: z.string(), outcome: z.string().nullable(), ...Cell.shape,
  })),
  totals: z.array(z.object({
    measure: z.enum(['needs_identified', 'referrals', 'unmet_needs', 'referral_paths']), month: z.string(),
    across: z.enum(['categories', 'places']).describe('categories: one municipality, every category and outcome; places: one category and outcome, every municipality'),
    municipality: z.string().nullable(), municipalityCode: z.string().nullable(), category: z.string().nullable(), outcome: z.string().nullable(), ...Cell.shape,
  })).describe('Totals, protected with the cells (docs/disclosure-control.md)'),
});
export const FeedQuery = z.object({ from: isoDate.optional(), to: isoDate.optional() });
export const SelfReferralBody = z.object({
  organizationId: uuid, serviceId: uuid.optional(),
  firstName: requiredText(100), contact: requiredText(200).describe('Phone or email to reach you'),
  needCode: text(100).optional(), preferredLanguage: z.string().regex(/^[a-z]{2,3}$/).optional(),
  website: z.string().max(0, 'Leave empty').optional().describe('Leave empty (spam trap)'),
});
export const selfReferralOutcomes = ['intake_started', 'could_not_reach', 'not_needed'] as const;
export const SelfReferralSchema = z.object({
  id: uuid, organizationId: uuid, serviceId: z.string().nullable(), firstName: z.string(), contact: z.string(), needCode: z.string().nullable(),
  preferredLanguage: z.string().nullable(), status: z.string(), outcome: z.string().nullable(), clientId: z.string().nullable(), createdAt: z.string(), handledAt: z.string().nullable(),
});
export const CloseSelfReferralBody = z.object({ outcome: z.enum(['could_not_reach', 'not_needed']).describe('An intake closes it by itself (selfReferralId on the new client)') });
export const SettingsBody = z.object({ followUpDays: z.number().int().min(1).max(90), retentionYears: z.number().int().min(1).max(100) });
export const SettingsSchema = z.object({ organizationId: uuid, followUpDays: z.number().int(), retentionYears: z.number().int() });

// Support bundles
export const needCode = z.string().max(100).regex(/^[a-z][a-z0-9.-]*$/, 'Not a need code');
export const BundleBody = z.object({
  name: requiredText(200).describe('What workers call this bundle, unique within its organization'),
  description: text(2000).optional().describe('Who it is for and what it gives'),
  needCodes: z.array(needCode).min(1, 'Choose at least one need').max(20).describe('The bundle fits a client who has all of these needs'),
  maxAcuity: z.number({ message: 'Choose an acuity from 1 to 5' }).int().min(1, 'Acuity runs from 1 (in crisis) to 5 (thriving)').max(5, 'Acuity runs from 1 (in crisis) to 5 (thriving)')
    .describe("Fits a client whose lowest acuity is at most this"),
  serviceIds: z.array(uuid).min(1, 'Choose at least one service').max(30).describe('Directory services in the bundle'),
  organizationId: uuid.nullable().optional().describe('Owning organization (default: the one you administer); null for a region-wide bundle (platform admin)'),
});
export const UpdateBundleBody = BundleBody.omit({ organizationId: true }).extend({ version: z.number().int().describe('The version you edited') });
export const BundleSchema = z.object({
  id: uuid, name: z.string(), description: z.string(), needCodes: z.array(z.string()), maxAcuity: z.number().int(),
  organizationId: z.string().nullable().describe('null: region-wide'), organizationName: z.string().nullable(),
  services: z.array(z.object({ serviceId: z.string(), name: z.string(), organizationId: z.string(), organizationName: z.string(), active: z.boolean() })),
  version: z.number().int(), updatedAt: z.string(),
  actions: z.array(z.enum(['update', 'delete'])).describe('What you may do with this bundle'),
});
export const BundleListSchema = z.object({
  items: z.array(BundleSchema),
  needOptions: z.array(z.string()).describe('Need codes of the published screening instruments'),
  canCreate: z.boolean(),
});
