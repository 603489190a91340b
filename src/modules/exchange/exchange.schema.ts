/**
 * Contracts of the knowledge-exchange module, shared by the server and the web. Imports only
 * zod and the shared building blocks.
 */
import { z } from 'zod';
import { requiredText, text, uuid } from '../../shared/contracts';

/** The three kinds of LIP community of seed 001 (urban, rural, neighbourhood-based). */
export const communityTypes = ['urban', 'rural', 'neighbourhood'] as const;
export type CommunityType = (typeof communityTypes)[number];
export const shareKinds = ['indicator', 'measure'] as const;
export const adaptationOps = ['add', 'drop', 'rename'] as const;
export const evidenceKinds = ['indicator', 'report_card', 'document', 'url'] as const;
export const needDomains = ['settlement', 'language', 'employment', 'education', 'housing', 'health', 'mental-health', 'income', 'food', 'social-connection', 'justice', 'transportation', 'civic-participation'] as const;
/** The characteristics of a welcoming community (Esses et al., 2010), used as a facet. */
export const welcomingCharacteristics = [
  'employment_opportunities', 'social_capital', 'affordable_housing', 'positive_attitudes', 'newcomer_serving_agencies', 'links_between_actors',
  'municipal_features', 'education', 'health_care', 'public_transit', 'religious_organizations', 'social_engagement', 'political_participation',
  'police_and_justice', 'safety', 'public_spaces', 'media',
] as const;

const actionFlags = z.record(z.string(), z.boolean()).describe('What the caller may do with this record');
const bilingual = z.object({ en: z.string(), fr: z.string().nullable() });

export const IdParams = z.object({ id: uuid.describe('Record id') });
export const NetworkParams = z.object({ id: uuid.describe('Network id') });
export const MemberParams = z.object({ id: uuid.describe('Network id'), collaborativeId: uuid.describe('The member collaborative') });

// ---------- networks ----------
export const NetworkBody = z.object({
  name: requiredText(200).describe('Name of the network, e.g. "Ontario LIP network"'),
  nameFr: text(200).nullish().describe('French name'),
  description: text(4000).nullish().describe('What the network is for'),
  stewardUserId: uuid.nullish().describe('The user who stewards the network'),
});
export const MemberBody = z.object({
  collaborativeId: uuid.describe('The collaborative that joins'),
  communityType: z.enum(communityTypes).describe('Urban, rural or neighbourhood-based community'),
});
export const MemberSchema = z.object({
  collaborativeId: z.string(),
  name: z.string().describe("The collaborative's name"),
  communityType: z.enum(communityTypes),
  joinedAt: z.string(),
  mine: z.boolean().describe('The caller manages or belongs to this collaborative'),
});
export const NetworkSchema = z.object({
  id: z.string(),
  name: bilingual,
  description: z.string().nullable(),
  stewardUserId: z.string().nullable(),
  stewardName: z.string().nullable(),
  members: z.array(MemberSchema),
  actions: actionFlags,
});
export type Network = z.infer<typeof NetworkSchema>;
export const NetworkSummarySchema = NetworkSchema.omit({ members: true }).extend({ memberCount: z.number().int() });

// ---------- share grants ----------
export const GrantBody = z.object({
  collaborativeId: uuid.describe('The collaborative that shares (you must manage it)'),
  kind: z.enum(shareKinds).default('indicator').describe('An indicator of the data repository or a measure of a strategy plan'),
  indicatorId: uuid.optional().describe('The indicator shared (kind indicator)'),
  measureId: uuid.optional().describe('The measure shared (kind measure)'),
  validUntil: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2027-03-31').nullish().describe('Last day the grant holds; empty for until revoked'),
  aggregateConsent: z.boolean().default(false).describe('Also let the steward add this up across the network'),
});
export const RevokeBody = z.object({ reason: requiredText(1000).describe('Why the grant is revoked') });
export const GrantSchema = z.object({
  id: z.string(),
  networkId: z.string(),
  collaborativeId: z.string(),
  collaborativeName: z.string(),
  kind: z.enum(shareKinds),
  itemId: z.string(),
  itemName: bilingual,
  aggregateConsent: z.boolean(),
  grantedBy: z.string().nullable(),
  grantedAt: z.string(),
  validUntil: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revokedBy: z.string().nullable(),
  revokeReason: z.string().nullable(),
  live: z.boolean(),
  actions: actionFlags,
});
export type Grant = z.infer<typeof GrantSchema>;

// ---------- comparison ----------
export const ComparisonQuery = z.object({
  indicatorId: uuid.optional().describe('Only this indicator'),
  communityType: z.enum(communityTypes).optional().describe('Facet: only collaboratives of this community type'),
});
export const PointSchema = z.object({ period: z.string(), value: z.number().nullable(), display: z.string(), suppressed: z.boolean() });
export const PanelSchema = z.object({
  collaborativeId: z.string(),
  collaborativeName: z.string(),
  communityType: z.enum(communityTypes),
  points: z.array(PointSchema),
});
export const ComparisonSchema = z.object({
  networkId: z.string(),
  indicators: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(shareKinds),
      code: z.string(),
      name: bilingual,
      unit: z.string(),
      /** One scale for every panel of this indicator. */
      scale: z.object({ min: z.number(), max: z.number() }),
      periods: z.array(z.string()),
      panels: z.array(PanelSchema),
    }),
  ),
  facets: z.object({ communityType: z.record(z.string(), z.number()) }).describe('How many sharing collaboratives of each community type'),
  notSharing: z.array(z.object({ collaborativeId: z.string(), name: z.string(), communityType: z.enum(communityTypes) })).describe('Members that shared nothing here'),
  imported: z.array(z.object({ sourceInstance: z.string(), collaborativeName: z.string(), communityType: z.string(), indicatorCode: z.string(), indicatorName: z.string(), period: z.string(), value: z.number().nullable(), display: z.string() })),
});
export type Comparison = z.infer<typeof ComparisonSchema>;

// ---------- templates ----------
/** A template's content; `instruments` is the slot the assessments module fills when it lands. */
export const TemplateContent = z.object({
  indicators: z.array(z.object({ code: requiredText(80).describe('Indicator code'), name: requiredText(300), nameFr: text(300).nullish() })).max(200).default([]),
  measures: z.array(z.object({ key: requiredText(80).describe('Stable key of the measure'), name: requiredText(300), nameFr: text(300).nullish(), unit: text(40).nullish() })).max(200).default([]),
  sections: z.array(z.object({ key: requiredText(80), title: requiredText(300), titleFr: text(300).nullish() })).max(100).default([]).describe('Report-card sections'),
  instruments: z.array(z.object({ key: requiredText(80), title: requiredText(300), ref: text(200).nullish().describe('Id of the instrument in the assessments module') })).max(50).default([]).describe('Assessment instruments (filled when the assessments module lands)'),
});
export type TemplateContentT = z.infer<typeof TemplateContent>;
/** The same shapes for responses (no input transforms: they feed serialization and the OpenAPI document). */
const TemplateContentOut = z.object({
  indicators: z.array(z.object({ code: z.string(), name: z.string(), nameFr: z.string().nullish() })),
  measures: z.array(z.object({ key: z.string(), name: z.string(), nameFr: z.string().nullish(), unit: z.string().nullish() })),
  sections: z.array(z.object({ key: z.string(), title: z.string(), titleFr: z.string().nullish() })),
  instruments: z.array(z.object({ key: z.string(), title: z.string(), ref: z.string().nullish() })),
});
const AdaptationOut = z.object({ op: z.enum(adaptationOps), item: z.string(), to: z.string().nullish(), reason: z.string() });
export const TemplateBody = z.object({
  name: requiredText(200).describe('Name of the common template'),
  nameFr: text(200).nullish(),
  content: TemplateContent.describe('Version 1'),
});
export const TemplateVersionBody = z.object({ content: TemplateContent, changeNote: requiredText(4000).describe('What changed, for the adopters') });
export const Adaptation = z.object({
  op: z.enum(adaptationOps).describe('Add, drop or rename an item'),
  item: requiredText(300).describe('The key or code of the item (or the new item for add)'),
  to: text(300).nullish().describe('The new name (rename)'),
  reason: requiredText(1000).describe('Why the collaborative adapts the template'),
});
export const AdoptBody = z.object({
  collaborativeId: uuid.describe('The collaborative that adopts (you must manage it)'),
  versionNumber: z.number().int().min(1).describe('The version adopted'),
  adaptations: z.array(Adaptation).max(100).default([]),
});
export const TemplateSchema = z.object({
  id: z.string(),
  networkId: z.string(),
  name: bilingual,
  sourceInstance: z.string().nullable(),
  latest: z.number().int(),
  versions: z.array(z.object({ number: z.number().int(), changeNote: z.string().nullable(), publishedAt: z.string(), content: TemplateContentOut })),
  grid: z.array(
    z.object({
      collaborativeId: z.string(),
      name: z.string(),
      communityType: z.enum(communityTypes),
      versionNumber: z.number().int().nullable().describe('null: not adopted'),
      behind: z.number().int().describe('Versions behind the latest'),
      adaptations: z.array(AdaptationOut),
      adoptedAt: z.string().nullable(),
    }),
  ),
  actions: actionFlags,
});
export type Template = z.infer<typeof TemplateSchema>;
export const NoticeSchema = z.object({
  id: z.string(), templateId: z.string(), templateName: z.string(), versionNumber: z.number().int(), collaborativeId: z.string(),
  changes: z.object({ added: z.array(z.string()), removed: z.array(z.string()), renamed: z.array(z.string()), note: z.string().nullable() }),
  createdAt: z.string(), readAt: z.string().nullable(),
});

// ---------- practices ----------
const Evidence = z
  .object({
    kind: z.enum(evidenceKinds).describe('Indicator, report card, document or link'),
    ref: text(1000).describe("The indicator's, report card's or document's id (picked from GET /exchange/evidence-options), or the link's web address"),
    label: requiredText(300),
  })
  .superRefine((e, ctx) => {
    // A link is shown as a link: only web addresses, never javascript: or data:.
    if (e.kind === 'url' && !/^https?:\/\/[^\s]+$/i.test(e.ref)) ctx.addIssue({ code: 'custom', path: ['ref'], message: 'Give a web address starting with http:// or https://' });
  });
const practiceFields = {
  titleEn: requiredText(300).describe('Title (English)'),
  titleFr: text(300).nullish().describe('Title (French)'),
  problemEn: requiredText(4000).describe('The problem (English)'),
  problemFr: text(4000).nullish(),
  doneEn: requiredText(8000).describe('What was done (English)'),
  doneFr: text(8000).nullish(),
  byWhom: text(1000).nullish().describe('Who did it'),
  forWhom: text(1000).nullish().describe('For whom'),
  place: text(500).nullish().describe('Where'),
  resources: text(2000).nullish().describe('Resources it took'),
  resultsEn: text(4000).nullish().describe('Results (English)'),
  resultsFr: text(4000).nullish(),
  evidence: z.array(Evidence).max(30).default([]).describe('Evidence links'),
  communityType: z.enum(communityTypes).describe('Community type'),
  needDomain: z.enum(needDomains).describe('Need domain'),
  welcomingCharacteristic: z.enum(welcomingCharacteristics).nullish().describe('Welcoming-community characteristic'),
  populationTags: z.array(requiredText(60)).max(20).default([]).describe('Populations, e.g. youth, women, refugees'),
  authorCollaborativeId: uuid.nullish().describe('The collaborative that wrote it up'),
};
export const PracticeBody = z.object(practiceFields);
export type PracticeInput = z.infer<typeof PracticeBody>;
/** An edit of a published practice: the whole write-up again (its authoring collaborative stays), the version it was read at, and a note for those who adapted it. */
const { authorCollaborativeId: _author, ...editableFields } = practiceFields;
export const PracticeEditBody = z.object({
  ...editableFields,
  version: z.number().int().min(1).describe('The version read (optimistic locking)'),
  note: text(1000).nullish().describe('What changed and why, for those who adapted the practice'),
});
export type PracticeEditInput = z.infer<typeof PracticeEditBody>;
/** What the author may link a practice to: the lists come from the data, strategy and collaboratives modules. */
const EvidenceOption = z.object({ ref: z.string(), label: bilingual, href: z.string() });
export const EvidenceOptionsSchema = z.object({
  indicators: z.array(EvidenceOption).describe("The indicator catalogue (public definitions)"),
  reportCards: z.array(EvidenceOption).describe("Published report cards of your collaboratives' plans"),
  documents: z.array(EvidenceOption).describe('Governance documents of your collaboratives'),
});
export type EvidenceOptions = z.infer<typeof EvidenceOptionsSchema>;
export const practiceFieldNames = ['titleEn', 'titleFr', 'problemEn', 'problemFr', 'doneEn', 'doneFr', 'byWhom', 'forWhom', 'place', 'resources', 'resultsEn', 'resultsFr', 'evidence', 'communityType', 'needDomain', 'welcomingCharacteristic', 'populationTags'] as const;
export type PracticeField = (typeof practiceFieldNames)[number];
const RevisionSchema = z.object({
  number: z.number().int(),
  changedAt: z.string(),
  changedBy: z.string().nullable(),
  note: z.string().nullable(),
  changes: z.array(z.object({ field: z.enum(practiceFieldNames), before: z.unknown(), after: z.unknown() })),
});
export const PracticeQuery = z.object({
  q: text(200).optional().describe('Full-text search, English and French'),
  communityType: z.enum(communityTypes).optional(),
  needDomain: z.enum(needDomains).optional(),
  welcomingCharacteristic: z.enum(welcomingCharacteristics).optional(),
  population: text(60).optional().describe('A population tag'),
});
export const PracticeSchema = z.object({
  id: z.string(),
  title: bilingual,
  problem: bilingual,
  done: bilingual,
  results: z.object({ en: z.string().nullable(), fr: z.string().nullable() }),
  byWhom: z.string().nullable(),
  forWhom: z.string().nullable(),
  place: z.string().nullable(),
  resources: z.string().nullable(),
  evidence: z.array(z.object({ kind: z.enum(evidenceKinds), ref: z.string(), label: z.string(), href: z.string().nullable().describe('Where the record opens in this instance (null for one imported from elsewhere)') })),
  communityType: z.enum(communityTypes),
  needDomain: z.string(),
  welcomingCharacteristic: z.string().nullable(),
  populationTags: z.array(z.string()),
  authorCollaborativeId: z.string().nullable(),
  authorName: z.string().nullable(),
  sourceInstance: z.string().nullable(),
  adaptations: z
    .array(z.object({ collaborativeId: z.string(), collaborativeName: z.string(), planId: z.string(), elementId: z.string(), adaptedAt: z.string(), changedSince: z.array(z.enum(practiceFieldNames)).describe('Fields edited since this adaptation') }))
    .describe("Who adapted it (shown to the practice's author; a collaborative that adapted it sees its own)"),
  adaptationCount: z.number().int(),
  version: z.number().int(),
  updatedAt: z.string().nullable(),
  revisions: z.array(RevisionSchema).describe('Every edit since it was published, newest first: who, when, what changed'),
  actions: actionFlags,
});
export type Practice = z.infer<typeof PracticeSchema>;
export const PracticeListSchema = z.object({
  items: z.array(PracticeSchema),
  facets: z.object({ communityType: z.record(z.string(), z.number()), needDomain: z.record(z.string(), z.number()), welcomingCharacteristic: z.record(z.string(), z.number()) }),
  actions: actionFlags,
});
export const AdaptBody = z.object({ planId: uuid.describe('The plan that gets a draft action copied from the practice') });

// ---------- steward ----------
export const StewardSchema = z.object({
  networkId: z.string(),
  period: z.string().describe('The reporting period looked at (a year)'),
  members: z.array(
    z.object({
      collaborativeId: z.string(),
      name: z.string(),
      communityType: z.enum(communityTypes),
      reported: z.boolean().describe('Shared a value for this period'),
      freshness: z.object({ score: z.number(), upToDate: z.number().int(), total: z.number().int() }).nullable().describe("The plan's freshness score (strategy)"),
      stale: z.boolean(),
    }),
  ),
  aggregates: z.array(z.object({ indicatorId: z.string(), name: bilingual, unit: z.string(), period: z.string(), contributors: z.number().int(), total: z.number().nullable(), display: z.string() })).describe('Sums across members that consented'),
});

// ---------- exchange files ----------
export const ExportQuery = z.object({ networkId: uuid.describe('Export this network: its templates, practices and the shared values its grants allow') });
export const SignedFile = z.object({
  format: z.literal('roundtable-exchange/1').describe('File format'),
  payload: z.record(z.string(), z.unknown()).describe('What is exported'),
  signature: z.object({ alg: z.literal('Ed25519'), keyId: z.string(), publicKey: z.string().describe('PEM (SPKI)'), value: z.string().describe('base64 signature of the canonical payload') }),
});
export type SignedFileT = z.infer<typeof SignedFile>;
export const ImportBody = z.object({ networkId: uuid.describe('The network that receives the templates'), file: SignedFile });
export const ImportResult = z.object({ sourceInstance: z.string(), keyId: z.string(), templates: z.number().int(), practices: z.number().int(), values: z.number().int() });
