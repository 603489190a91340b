import { z } from 'zod';
import { requiredText, text, uuid } from '../../shared/contracts';

export const planStatuses = ['draft', 'adopted', 'active', 'closed'] as const;
export const elementKinds = ['theme', 'goal', 'strategy', 'action'] as const;
export const units = ['count', 'percent', 'rate', 'currency', 'number'] as const;
export const directions = ['higher_is_better', 'lower_is_better'] as const;
export const frequencies = ['annual', 'quarterly', 'monthly'] as const;
export const rbaTypes = ['how_much', 'how_well', 'better_off'] as const;
export const itemStatuses = ['not_started', 'in_progress', 'completed', 'on_hold', 'cancelled'] as const;
export const evidenceKinds = ['engagement', 'indicator', 'document', 'url'] as const;
export const tocKinds = ['outcome', 'precondition', 'action'] as const;

const year = z.number().int().min(1990).max(2100);
const versionField = z.number().int().min(1).describe('The version you edited; a stale version gets 409');

export const IdParams = z.object({ id: uuid });

// ── requests ───────────────────────────────────────────────────────────────────────────────
export const CreatePlanBody = z
  .object({
    collaborativeId: uuid.describe('The collaborative that owns the plan'),
    title: requiredText(300).describe('Plan title, e.g. "Durham Local Settlement Strategy 2025–2027"'),
    titleFr: text(300).nullish().describe('French title'),
    description: text(10000).nullish(),
    startYear: year.describe('First year of the horizon'),
    endYear: year.describe('Last year of the horizon (at most 10 years after the first)'),
    longTermOutcome: text(2000).nullish().describe('The long-term outcome the theory of change works back from'),
  })
  .strict();
export type CreatePlanInput = z.infer<typeof CreatePlanBody>;

export const UpdatePlanBody = z
  .object({
    version: versionField,
    title: requiredText(300).optional(),
    titleFr: text(300).nullish(),
    description: text(10000).nullish(),
    startYear: year.optional().describe('Only while the plan is a draft'),
    endYear: year.optional().describe('Only while the plan is a draft'),
    status: z.enum(planStatuses).optional().describe('draft → adopted → active → closed, forward only'),
    longTermOutcome: text(2000).nullish(),
    publicScorecard: z.boolean().optional().describe('Share the scorecard and published report cards by public link'),
  })
  .strict();
export type UpdatePlanInput = z.infer<typeof UpdatePlanBody>;

export const CreateElementBody = z
  .object({
    kind: z.enum(elementKinds).describe('theme → goal → strategy → action'),
    parentId: uuid.nullish().describe('Theme of a goal, goal of a strategy, strategy of an action; none for a theme'),
    title: requiredText(500),
    titleFr: text(500).nullish(),
    description: text(5000).nullish(),
    position: z.number().int().min(0).max(10000).optional(),
  })
  .strict();
export type CreateElementInput = z.infer<typeof CreateElementBody>;

export const UpdateElementBody = z
  .object({ version: versionField, title: requiredText(500).optional(), titleFr: text(500).nullish(), description: text(5000).nullish(), position: z.number().int().min(0).max(10000).optional() })
  .strict();
export type UpdateElementInput = z.infer<typeof UpdateElementBody>;

export const EvidenceBody = z
  .object({
    kind: z.enum(evidenceKinds).describe('What justifies the element: an engagement record, an indicator, a document or a web page'),
    refId: text(500).nullish().describe('Engagement record or indicator id; the address for a url'),
    label: requiredText(300),
  })
  .strict();
export type EvidenceInput = z.infer<typeof EvidenceBody>;

export const CreateMeasureBody = z
  .object({
    elementId: uuid.describe('Goal (population indicator) or strategy/action (performance measure)'),
    kind: z.enum(['population', 'performance']),
    rbaType: z.enum(rbaTypes).nullish().describe('Performance measures: how much did we do, how well, is anyone better off'),
    name: requiredText(300),
    nameFr: text(300).nullish(),
    unit: z.enum(units),
    direction: z.enum(directions),
    frequency: z.enum(frequencies).default('annual'),
    baselineValue: z.number().nullish(),
    baselinePeriod: text(10).nullish(),
    indicatorId: uuid.nullish().describe('Population indicators: a community data repository indicator whose values are pulled when available'),
    geographyId: uuid.nullish().describe('Place for the repository indicator'),
  })
  .strict();
export type CreateMeasureInput = z.infer<typeof CreateMeasureBody>;

export const UpdateMeasureBody = z
  .object({
    version: versionField,
    name: requiredText(300).optional(),
    nameFr: text(300).nullish(),
    rbaType: z.enum(rbaTypes).nullish(),
    direction: z.enum(directions).optional(),
    frequency: z.enum(frequencies).optional(),
    baselineValue: z.number().nullish(),
    baselinePeriod: text(10).nullish(),
    indicatorId: uuid.nullish(),
    geographyId: uuid.nullish(),
  })
  .strict();
export type UpdateMeasureInput = z.infer<typeof UpdateMeasureBody>;

export const PeriodParams = z.object({ id: uuid, period: text(10).describe('2026, 2026-Q1 or 2026-04, by the measure frequency') });
export const TargetBody = z.object({ value: z.number() }).strict();
export const ValueBody = z
  .object({ value: z.number(), source: text(500).nullish().describe('Where the number comes from'), notes: text(2000).nullish(), illustrative: z.boolean().optional() })
  .strict();

export const CreateActionPlanBody = z.object({ year, stalledAfterDays: z.number().int().min(1).max(365).optional() }).strict();

const itemFields = {
  champion: text(200).nullish().describe('Owner ("community champion")'),
  championOrganizationId: uuid.nullish(),
  partnerOrganizationIds: z.array(uuid).max(50).optional().describe('Partner organizations (core organization registry)'),
  startDate: z.iso.date().nullish(),
  dueDate: z.iso.date().nullish(),
  status: z.enum(itemStatuses).optional(),
  percentComplete: z.number().int().min(0).max(100).optional(),
  resources: text(2000).nullish(),
  adoptedByPartners: z.boolean().optional().describe("Partners adopted the action into their own organizational plans (an LIP success indicator)"),
};
export const CreateItemBody = z.object({ actionId: uuid.describe('An action of this plan'), ...itemFields }).strict();
export type CreateItemInput = z.infer<typeof CreateItemBody>;
export const UpdateItemBody = z.object({ version: versionField, ...itemFields }).strict();
export type UpdateItemInput = z.infer<typeof UpdateItemBody>;
export const NoteBody = z.object({ note: requiredText(4000), status: z.enum(itemStatuses).optional(), percentComplete: z.number().int().min(0).max(100).optional() }).strict();

export const ImportBody = z.object({ csv: z.string().min(1, 'Required').max(2_000_000, 'At most 2 MB of CSV'), dryRun: z.boolean().default(true) }).strict();

export const CreateReportCardBody = z
  .object({ year, highlights: text(10000).nullish(), highlightsFr: text(10000).nullish(), nextYear: text(10000).nullish(), nextYearFr: text(10000).nullish() })
  .strict();
export const UpdateReportCardBody = z
  .object({ version: versionField, highlights: text(10000).nullish(), highlightsFr: text(10000).nullish(), nextYear: text(10000).nullish(), nextYearFr: text(10000).nullish() })
  .strict();

export const PublishTemplateBody = z.object({ name: requiredText(300), description: text(5000).nullish() }).strict();
export const CloneTemplateBody = z.object({ collaborativeId: uuid, title: requiredText(300), startYear: year, endYear: year }).strict();

export const TocNodeBody = z.object({ kind: z.enum(tocKinds), label: requiredText(500), elementId: uuid.nullish().describe('The plan action an action node stands for') }).strict();
export const TocEdgeBody = z.object({ from: uuid.describe('The node that leads to…'), to: uuid.describe('…this node') }).strict();

// ── responses (no transforms) ──────────────────────────────────────────────────────────────
/** What the caller may do, by policy action (strategy.policy.ts). */
const Actions = z.object({
  'strategy.plan.update': z.boolean().describe('May edit the plan and its parts (coordinators, while the plan is not closed)'),
});

export const EvidenceSchema = z.object({ id: z.string(), kind: z.enum(evidenceKinds), refId: z.string().nullable(), label: z.string() });

export const ElementSchema = z.object({
  id: z.string(),
  planId: z.string(),
  parentId: z.string().nullable(),
  kind: z.enum(elementKinds),
  title: z.string(),
  titleFr: z.string().nullable(),
  description: z.string().nullable(),
  position: z.number().int(),
  frozen: z.boolean().describe('Themes and goals are frozen once the plan is adopted'),
  evidence: z.array(EvidenceSchema),
  version: z.number().int(),
  updatedAt: z.string(),
});

const PointSchema = z.object({ period: z.string(), value: z.number() });
export const MeasureValueSchema = z.object({ period: z.string(), value: z.number(), source: z.string().nullable(), notes: z.string().nullable(), illustrative: z.boolean(), recordedBy: z.string(), recordedAt: z.string() });
export const CurveRowSchema = z.object({ period: z.string(), baseline: z.number().nullable(), forecast: z.number().nullable(), target: z.number().nullable(), actual: z.number().nullable() });
export const FreshnessSchema = z.object({ expectedPeriod: z.string(), dueBy: z.string(), latestPeriod: z.string().nullable(), stale: z.boolean(), staleAtNextDue: z.boolean() });

export const MeasureSchema = z.object({
  id: z.string(),
  planId: z.string(),
  elementId: z.string(),
  kind: z.enum(['population', 'performance']),
  rbaType: z.enum(rbaTypes).nullable(),
  name: z.string(),
  nameFr: z.string().nullable(),
  unit: z.enum(units),
  direction: z.enum(directions),
  frequency: z.enum(frequencies),
  baselineValue: z.number().nullable(),
  suppressedPeriods: z.array(z.string()).describe('Periods whose count of people is too small to show publicly (shown as "<5"); empty for members'),
  baselinePeriod: z.string().nullable(),
  indicatorId: z.string().nullable(),
  geographyId: z.string().nullable(),
  templateKey: z.string().nullable(),
  targets: z.array(PointSchema),
  values: z.array(MeasureValueSchema),
  repositoryValues: z.array(PointSchema).describe('Values pulled from the community data repository; empty when it is not available'),
  status: z.enum(['met', 'progressing', 'off_track', 'no_target', 'no_data']),
  trend: z.enum(['improving', 'worsening', 'flat', 'unknown']),
  progress: z.number().nullable(),
  latest: PointSchema.nullable(),
  currentTarget: PointSchema.nullable(),
  freshness: FreshnessSchema,
  curve: z.array(CurveRowSchema).describe('"Turn the curve" rows: baseline, forecast if nothing changes, target, actual'),
  version: z.number().int(),
});

export const PlanSummarySchema = z.object({
  id: z.string(),
  collaborativeId: z.string(),
  title: z.string(),
  titleFr: z.string().nullable(),
  startYear: z.number().int(),
  endYear: z.number().int(),
  status: z.enum(planStatuses),
  planVersion: z.number().int(),
  templateId: z.string().nullable(),
  publicScorecard: z.boolean(),
  updatedAt: z.string(),
});

export const PlanSchema = PlanSummarySchema.extend({
  description: z.string().nullable(),
  longTermOutcome: z.string().nullable(),
  previousVersionId: z.string().nullable(),
  adoptedAt: z.string().nullable(),
  version: z.number().int(),
  elements: z.array(ElementSchema),
  measures: z.array(MeasureSchema),
  warnings: z.object({
    outputOnly: z.boolean().describe('All performance measures are "how much" outputs; none says whether anyone is better off'),
    noBetterOff: z.boolean(),
  }),
  freshness: z.object({
    score: z.number().describe('Share of measures up to date, 0–1'),
    upToDate: z.number().int(),
    total: z.number().int(),
    staleAtNextDue: z.number().int().describe('Measures that will be out of date at the next due date unless updated'),
    currentPeriod: z.string().describe('The latest annual period whose values are due'),
    currentDueBy: z.string(),
    nextPeriod: z.string(),
    nextDueBy: z.string(),
    currentPeriodNote: z.string().describe('The same, as an English sentence'),
  }),
  actions: Actions.extend({
    'strategy.plan.newVersion': z.boolean().describe('May start a new version (adopted, active or closed plans)'),
  }),
});
export type Plan = z.infer<typeof PlanSchema>;
export const PlanListSchema = z.object({ items: z.array(PlanSummarySchema), manageableCollaboratives: z.array(z.string()).describe("Collaboratives where you may create plans; ['all'] for platform admins") });

export const HistorySchema = z.object({
  items: z.array(z.object({ id: z.number().int(), change: z.string(), actorLabel: z.string(), changedAt: z.string(), before: z.record(z.string(), z.unknown()).nullable(), after: z.record(z.string(), z.unknown()).nullable() })),
});

export const NoteSchema = z.object({ id: z.string(), note: z.string(), status: z.string().nullable(), percentComplete: z.number().int().nullable(), authorLabel: z.string(), createdAt: z.string() });
export const ItemSchema = z.object({
  id: z.string(),
  actionId: z.string(),
  actionTitle: z.string(),
  strategyTitle: z.string().nullable(),
  champion: z.string().nullable(),
  championOrganizationId: z.string().nullable(),
  partnerOrganizationIds: z.array(z.string()),
  partnerNames: z.array(z.string()),
  startDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  status: z.enum(itemStatuses),
  percentComplete: z.number().int(),
  resources: z.string().nullable(),
  adoptedByPartners: z.boolean(),
  overdue: z.boolean(),
  stalled: z.boolean(),
  notes: z.array(NoteSchema),
  version: z.number().int(),
});
export const ActionPlanSchema = z.object({ id: z.string(), planId: z.string(), year: z.number().int(), stalledAfterDays: z.number().int(), items: z.array(ItemSchema), actions: Actions });
export const ActionPlanListSchema = z.object({ items: z.array(z.object({ id: z.string(), year: z.number().int(), itemCount: z.number().int() })) });

export const ImportResultSchema = z.object({
  dryRun: z.boolean(),
  changes: z.array(z.object({ row: z.number().int(), type: z.enum(['action', 'measure']), target: z.string(), field: z.string(), before: z.string().nullable(), after: z.string() })),
  errors: z.array(z.object({ row: z.number().int(), field: z.string(), message: z.string() })),
  applied: z.boolean(),
});

export const ScorecardSchema = z.object({
  plan: PlanSummarySchema.extend({ collaborativeName: z.string() }),
  themes: z.array(z.object({ id: z.string(), title: z.string(), titleFr: z.string().nullable() })),
  goals: z.array(
    z.object({
      id: z.string(),
      themeId: z.string().nullable(),
      title: z.string(),
      titleFr: z.string().nullable(),
      measures: z.array(MeasureSchema.pick({ id: true, kind: true, rbaType: true, name: true, nameFr: true, unit: true, direction: true, baselineValue: true, baselinePeriod: true, suppressedPeriods: true, status: true, trend: true, latest: true, currentTarget: true, freshness: true, curve: true })),
    }),
  ),
  freshness: PlanSchema.shape.freshness,
  warnings: PlanSchema.shape.warnings,
});

export const ReportCardSchema = z.object({
  id: z.string(),
  planId: z.string(),
  year: z.number().int(),
  reportVersion: z.number().int(),
  status: z.enum(['draft', 'published']),
  highlights: z.string().nullable(),
  highlightsFr: z.string().nullable(),
  nextYear: z.string().nullable(),
  nextYearFr: z.string().nullable(),
  publishedAt: z.string().nullable(),
  publishedBy: z.string().nullable(),
  version: z.number().int(),
  content: z.record(z.string(), z.unknown()).describe('The report content: live while a draft, the frozen snapshot once published'),
  actions: z.object({
    'strategy.reportCard.update': z.boolean().describe('May edit the card (coordinators, while it is a draft)'),
  }),
});

/** What a report card's `content` holds (ReportCardSchema keeps it as a record, so the snapshot is served as stored). */
export const ReportContentSchema = z.object({
  language: z.literal('en'),
  generatedAt: z.string(),
  year: z.number().int(),
  plan: z.object({ id: z.string(), title: z.string(), titleFr: z.string().nullable(), collaborativeName: z.string(), startYear: z.number().int(), endYear: z.number().int(), longTermOutcome: z.string().nullable() }),
  highlights: z.string().nullable(),
  highlightsFr: z.string().nullable(),
  nextYear: z.string().nullable(),
  nextYearFr: z.string().nullable(),
  actions: z.array(z.object({ title: z.string(), strategy: z.string().nullable(), champion: z.string().nullable(), status: z.string(), percentComplete: z.number(), adoptedByPartners: z.boolean(), overdue: z.boolean(), lastNote: z.string().nullable() })),
  measures: z.array(
    z.object({
      name: z.string(),
      nameFr: z.string().nullable(),
      kind: z.string(),
      rbaType: z.string().nullable(),
      unit: z.string(),
      direction: z.string(),
      baseline: PointSchema.nullable(),
      target: z.number().nullable(),
      actual: z.number().nullable(),
      actualSuppressed: z.boolean().optional().describe('The year\'s count was too small to publish (shown as "<5")'),
      status: MeasureSchema.shape.status,
      trend: MeasureSchema.shape.trend,
      curve: z.array(CurveRowSchema),
    }),
  ),
  summary: z.object({ actions: z.number().int(), completed: z.number().int(), overdue: z.number().int(), adoptedByPartners: z.number().int(), measures: z.number().int(), met: z.number().int() }),
});
export const ReportCardListSchema = z.object({ items: z.array(z.object({ id: z.string(), year: z.number().int(), reportVersion: z.number().int(), status: z.enum(['draft', 'published']), publishedAt: z.string().nullable() })), actions: z.object({ 'strategy.manage': z.boolean().describe('Manages the plan (coordinators)') }) });
export const PublicScorecardSchema = ScorecardSchema.extend({ reportCards: z.array(z.object({ id: z.string(), year: z.number().int(), reportVersion: z.number().int() })) });

export const TemplateSchema = z.object({ id: z.string(), name: z.string(), description: z.string().nullable(), sourcePlanId: z.string().nullable(), publishedBy: z.string(), createdAt: z.string(), measureCount: z.number().int(), planCount: z.number().int() });
export const ComparisonSchema = z.object({
  template: TemplateSchema,
  plans: z.array(z.object({ id: z.string(), title: z.string(), collaborativeName: z.string() })),
  measures: z.array(z.object({ templateKey: z.string(), name: z.string(), unit: z.string(), cells: z.array(z.object({ planId: z.string(), latest: PointSchema.nullable(), target: PointSchema.nullable(), status: MeasureSchema.shape.status })) })),
});

export const TemplateListSchema = z.object({ items: z.array(TemplateSchema) });

export const TocSchema = z.object({
  longTermOutcome: z.string().nullable(),
  nodes: z.array(z.object({ id: z.string(), kind: z.enum(tocKinds), label: z.string(), elementId: z.string().nullable() })),
  edges: z.array(z.object({ from: z.string(), to: z.string() })),
  actions: Actions,
});
