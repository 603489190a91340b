/**
 * Contracts of the service-mapping module, shared by the server and the web. Imports only zod
 * and the shared building blocks.
 */
import { z } from 'zod';
import { requiredText, text, uuid } from '../../shared/contracts';

export const tableKinds = ['planning_table', 'network', 'initiative', 'committee', 'other'] as const;
export const gapLabels = ['gap_confirmed', 'not_a_gap', 'to_discuss'] as const;
export const overlapLabels = ['duplicate', 'complementary', 'coordinated', 'to_discuss'] as const;
export const candidateLabels = ['gap_confirmed', 'not_a_gap', 'duplicate', 'complementary', 'coordinated', 'to_discuss'] as const;
export type CandidateLabel = (typeof candidateLabels)[number];

const actionFlags = z.record(z.string(), z.boolean()).describe('What the caller may do with this record');

export const IdParams = z.object({ id: uuid.describe('Record id') });

// ---------- Inventory ----------

const tableFields = {
  name: requiredText(300).describe('Name of the planning table, network or initiative'),
  kind: z.enum(tableKinds).describe('What sort of table it is'),
  mandate: text(5000).describe('Its mandate in a few sentences'),
  domains: z.array(text(60).pipe(z.string().min(1))).max(30).describe('Need domain codes of the directory taxonomy it works on'),
  populations: z.array(text(100).pipe(z.string().min(1))).max(30).describe('Populations it serves, in plain words'),
  geographyIds: z.array(uuid).max(500).describe('Places it covers'),
  leadOrganizationId: uuid.nullish().describe('Lead organization'),
  funder: text(300).nullish().describe('Who funds it'),
  memberOrganizationIds: z.array(uuid).max(500).describe('Organizations that sit at it'),
};
export const TableBody = z.object({
  ...tableFields,
  mandate: tableFields.mandate.default(''),
  domains: tableFields.domains.default([]),
  populations: tableFields.populations.default([]),
  geographyIds: tableFields.geographyIds.default([]),
  memberOrganizationIds: tableFields.memberOrganizationIds.default([]),
});
export type TableInput = z.infer<typeof TableBody>;
export const UpdateTableBody = z.object(tableFields).partial().extend({ version: z.number().int().positive().describe('The version you edited') });

export const InventoryTableSchema = z.object({
  id: z.string().describe('Table id; for a Roundtable collaborative, its collaborative id'),
  source: z.enum(['roundtable', 'manual', 'csv', 'seed']).describe('Where the record comes from'),
  name: z.string(),
  kind: z.string(),
  mandate: z.string(),
  domains: z.array(z.string()),
  populations: z.array(z.string()),
  geographyIds: z.array(z.string()),
  leadOrganizationId: z.string().nullable(),
  funder: z.string().nullable(),
  memberOrganizationIds: z.array(z.string()),
  version: z.number().nullable().describe('null for Roundtable collaboratives, edited in their own pages'),
  actions: actionFlags,
});
export type InventoryTable = z.infer<typeof InventoryTableSchema>;

export const OverlappingTablesSchema = z.object({
  a: z.string(),
  b: z.string(),
  sharedDomains: z.array(z.string()),
  sharedPopulations: z.array(z.string()),
  sharedPlaces: z.number().describe('Places both cover'),
  sharedMembers: z.number().describe('Organizations sitting at both'),
});

export const InventorySchema = z.object({
  tables: z.array(InventoryTableSchema),
  organizations: z.array(z.object({ id: z.string(), name: z.string(), tableCount: z.number() })).describe('Organizations × tables: how many tables each staffs'),
  overlaps: z.array(OverlappingTablesSchema).describe('Pairs of tables whose mandates share a domain and a place (a question, not a verdict)'),
  actions: actionFlags,
});

export const ImportTablesQuery = z.object({ dryRun: z.coerce.boolean().default(false).describe('Check the file without saving') });
export const ImportTablesResult = z.object({
  created: z.number(),
  updated: z.number(),
  errors: z.array(z.object({ line: z.number(), field: z.string(), message: z.string() })),
  dryRun: z.boolean(),
});

// ---------- Coverage ----------

export const CoverageQuery = z.object({
  regionId: uuid.describe('Upper tier or service manager area whose municipalities are compared'),
  months: z.coerce.number().int().min(1).max(60).default(12).describe('How many months of the front-line feed to count'),
  denominatorId: uuid.optional().describe('Indicator (a count) whose latest value per place is the denominator of the rates per 10,000; default: total population'),
});

export const DenominatorSchema = z.object({ id: z.string(), code: z.string(), name: z.string(), nameFr: z.string() });

export const CoverageCellSchema = z.object({
  domain: z.string(),
  geographyId: z.string(),
  services: z.number().describe('Active directory services of the domain serving the place'),
  organizations: z.number().describe('Distinct organizations offering them'),
  free: z.number().optional().describe('Of those services, free of charge (absent in maps published before it was counted)'),
  inFrench: z.number().optional().describe('Of those services, offered in French'),
  otherLanguages: z.number().optional().describe('Of those services, offered in a language other than English or French'),
  eveningsWeekends: z.number().optional().describe('Of those services, open evenings (after 17:00) or weekends'),
  openToAll: z.number().optional().describe('Of those services, with no age range or other eligibility rule'),
  full: z.number().optional().describe('Of those services, with a recorded capacity and none of it available'),
  servicesPer10k: z.number().nullable().describe('Services per 10,000 residents; null without a population'),
  needs: z.number().nullable().describe('Needs identified at common intake (null when suppressed)'),
  unmet: z.number().nullable().describe('Unmet needs: no matching service, refused or waitlisted (null when suppressed)'),
  unmetPer10k: z.number().nullable(),
  display: z.object({ needs: z.string(), unmet: z.string() }).describe("What to show: a number, '<5' or 'x'"),
});
export type CoverageCell = z.infer<typeof CoverageCellSchema>;

export const CoverageSchema = z.object({
  region: z.object({ id: z.string(), name: z.string(), nameFr: z.string() }),
  places: z.array(z.object({ id: z.string(), code: z.string(), name: z.string(), nameFr: z.string(), population: z.number().nullable(), populationPeriod: z.string().nullable(), boundary: z.record(z.string(), z.unknown()).nullable().describe('GeoJSON geometry of the place, when known') })),
  domains: z.array(z.object({ code: z.string(), name: z.string(), nameFr: z.string() })),
  cells: z.array(CoverageCellSchema),
  sources: z.array(z.object({ name: z.string().describe('The source, in English (stored with published maps)'), kind: z.enum(['directory', 'population', 'feed']).optional().describe('Which source, for the page to name it in the reader\'s language'), from: z.string().nullable().optional().describe('For the feed: the first month counted'), asOf: z.string().nullable() })),
  suppressionThreshold: z.number(),
  denominator: DenominatorSchema.nullable().optional().describe('What the rates per 10,000 are of (absent in maps published before it could be chosen: total population)'),
});
export type Coverage = z.infer<typeof CoverageSchema>;

// ---------- Review queue ----------

export const CandidateQuery = z.object({
  regionId: uuid.optional().describe('Only this region'),
  status: z.enum(['open', 'labelled']).optional().describe('Open questions or answered ones'),
  kind: z.enum(['gap', 'overlap']).optional(),
});

export const GenerateBody = z.object({
  regionId: uuid.describe('Region to look at'),
  minSimilarity: z.number().min(0.1).max(1).default(0.3).describe('How alike two service descriptions must be (trigram similarity) to ask about overlap'),
});

export const LabelBody = z.object({
  label: z.enum(candidateLabels).describe('The answer: gap confirmed / not a gap / duplicate / complementary / coordinated / to discuss'),
  rationale: requiredText(5000).describe('Why: what the people who looked at it know'),
  version: z.number().int().positive().describe('The version you looked at'),
});

export const FollowUpBody = z.object({
  kind: z.enum(['meeting_agenda', 'strategy_action']).describe('Where the question goes next'),
  targetId: uuid.describe('The collaborative (for an agenda item) or the strategy plan (for an action)'),
  note: text(2000).default('').describe('What to ask or do'),
});

export const CandidateSchema = z.object({
  id: z.string(),
  kind: z.enum(['gap', 'overlap']),
  regionId: z.string(),
  domain: z.string(),
  geographyId: z.string().nullable(),
  placeName: z.string().nullable(),
  serviceIds: z.array(z.string()),
  organizationIds: z.array(z.string()),
  organizationNames: z.array(z.string()),
  evidence: z.record(z.string(), z.unknown()),
  status: z.enum(['open', 'labelled']),
  label: z.enum(candidateLabels).nullable(),
  rationale: z.string().nullable(),
  labelledAt: z.string().nullable(),
  followUps: z.array(z.record(z.string(), z.unknown())),
  version: z.number(),
  actions: actionFlags,
});
export type Candidate = z.infer<typeof CandidateSchema>;

// ---------- Snapshots ----------

export const PublishBody = z.object({
  title: requiredText(300).describe('Title of the published map'),
  regionId: uuid.describe('Region mapped'),
  months: z.number().int().min(1).max(60).default(12).describe('Months of the front-line feed counted'),
  denominatorId: uuid.optional().describe('Indicator (a count) the rates are per 10,000 of; default: total population'),
});

export const SnapshotSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  regionId: z.string(),
  publishedAt: z.string(),
  isPublic: z.boolean(),
  actions: actionFlags,
});

export const SnapshotSchema = SnapshotSummarySchema.extend({
  method: z.record(z.string(), z.unknown()),
  sources: z.array(z.object({ name: z.string().describe('The source, in English (stored with published maps)'), kind: z.enum(['directory', 'population', 'feed']).optional().describe('Which source, for the page to name it in the reader\'s language'), from: z.string().nullable().optional().describe('For the feed: the first month counted'), asOf: z.string().nullable() })),
  figures: CoverageSchema.omit({ sources: true }),
  findings: z.array(z.object({ kind: z.string(), domain: z.string(), placeName: z.string().nullable(), label: z.string(), rationale: z.string(), organizationNames: z.array(z.string()) })),
});
export type Snapshot = z.infer<typeof SnapshotSchema>;

export const CompareQuery = z.object({ a: uuid.describe('Earlier snapshot'), b: uuid.describe('Later snapshot') });
export const ShareBody = z.object({ isPublic: z.boolean().describe('Whether anyone with the link may read it') });

export const FrontLineQuery = z.object({ months: z.coerce.number().int().min(1).max(60).default(12) });
