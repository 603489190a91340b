/** Zod contracts of the data module's API; they drive validation and /openapi.json. */
import { z } from 'zod';
import { requiredText, text, uuid } from '../../shared/contracts';

export const units = ['count', 'percent', 'rate_per_1000', 'currency', 'index'] as const;
export const directions = ['higher_is_better', 'lower_is_better', 'neutral'] as const;
export const frequencies = ['census', 'annual', 'quarterly', 'monthly', 'irregular'] as const;
/** The directory's need domains (Roundtable need domains taxonomy), plus 'population' for demographics. */
export const domains = ['population', 'settlement', 'language', 'employment', 'housing', 'income', 'food', 'health', 'mental-health', 'child-care', 'education', 'legal', 'transportation', 'social-connection'] as const;

const LocalizedName = z.object({
  en: requiredText(300).describe('Name in English'),
  fr: text(300).nullish().describe('Name in French'),
});

export const CreateIndicatorSchema = z.object({
  code: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,79}$/, 'Lower-case letters, digits, dot, dash and underscore').describe('Stable code used in imports, e.g. population.total'),
  name: LocalizedName,
  definition: z.object({ en: text(4000).nullish(), fr: text(4000).nullish() }).optional().describe('What is measured, in both languages'),
  unit: z.enum(units).describe('count | percent | rate_per_1000 | currency | index'),
  direction: z.enum(directions).default('neutral').describe('Which way is better'),
  domain: z.enum(domains).default('population').describe('Need domain, as in the directory taxonomy'),
  source: text(500).nullish().describe('Who publishes the figures'),
  licence: text(300).nullish().describe('Licence of the source data'),
  sourceUrl: z.string().url().max(1000).nullish().describe('Link to the source'),
  frequency: z.enum(frequencies).default('annual').describe('How often it is updated'),
  dimensions: z.array(z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'Dimension names are lower-case')).max(10).default([]).describe('Disaggregation dimensions it supports, e.g. sex, age'),
  suppressionThreshold: z.number().int().min(0).max(1000).default(5).describe('Counts from 1 to this minus one are never published'),
});
export type CreateIndicatorInput = z.infer<typeof CreateIndicatorSchema>;

export const UpdateIndicatorSchema = z.object({
  version: z.number().int().describe('The version you read; 409 if someone changed it since'),
  name: LocalizedName.optional(),
  definition: z.object({ en: text(4000).nullish(), fr: text(4000).nullish() }).optional(),
  unit: z.enum(units).optional(),
  direction: z.enum(directions).optional(),
  domain: z.enum(domains).optional(),
  source: text(500).nullish(),
  licence: text(300).nullish(),
  sourceUrl: z.string().url().max(1000).nullish(),
  frequency: z.enum(frequencies).optional(),
  dimensions: z.array(z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/)).max(10).optional(),
  suppressionThreshold: z.number().int().min(0).max(1000).optional(),
});
export type UpdateIndicatorInput = z.infer<typeof UpdateIndicatorSchema>;

export const IndicatorSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.object({ en: z.string(), fr: z.string().nullable() }),
  definition: z.object({ en: z.string().nullable(), fr: z.string().nullable() }),
  unit: z.enum(units),
  direction: z.enum(directions),
  domain: z.string(),
  source: z.string().nullable(),
  licence: z.string().nullable(),
  sourceUrl: z.string().nullable(),
  frequency: z.enum(frequencies),
  dimensions: z.array(z.string()),
  suppressionThreshold: z.number().int(),
  additive: z.boolean().describe('Counts and currency may be rolled up from places to a region'),
  version: z.number().int(),
});

export const CellSchema = z.object({
  value: z.number().nullable().describe('null when suppressed or given only as a range'),
  low: z.number().nullable(),
  high: z.number().nullable(),
  status: z.enum(['provisional', 'final', 'suppressed']),
  suppressed: z.boolean(),
  reason: z.enum(['source', 'threshold', 'complementary', 'dependent']).nullable().describe('Why a value is hidden'),
  display: z.string().describe("What to show: '12.5', '<5', '10–19', or 'x' (suppressed)"),
});

export const PointSchema = CellSchema.extend({
  period: z.string(),
  isProjection: z.boolean(),
  notes: z.string().nullable(),
  source: z.string().nullable(),
});

const Name = z.object({ en: z.string(), fr: z.string() });
export const PlaceCellSchema = z.object({ geographyId: z.string(), code: z.string(), name: Name, cell: PointSchema.nullable() });

export const MapSchema = z.object({
  indicator: IndicatorSchema,
  period: z.string().nullable(),
  periods: z.array(z.string()).describe('Periods with data, newest first'),
  parent: PlaceCellSchema,
  places: z.array(PlaceCellSchema),
});

export const SeriesSchema = z.object({
  indicator: IndicatorSchema,
  series: z.array(z.object({ geographyId: z.string(), code: z.string(), name: Name, points: z.array(PointSchema) })),
});

export const RollupSchema = z.object({
  indicator: IndicatorSchema,
  period: z.string(),
  parent: PlaceCellSchema,
  placesWithData: z.number().int(),
  placesTotal: z.number().int(),
  complete: z.boolean().describe('Every place under the parent has a value'),
  rollup: CellSchema,
  places: z.array(PlaceCellSchema),
});

export const BreakdownSchema = z.object({
  indicator: IndicatorSchema,
  geographyId: z.string(),
  period: z.string(),
  cells: z.array(z.object({ disaggregation: z.record(z.string(), z.string()), key: z.string(), cell: CellSchema, share: CellSchema.nullable() })),
});

export const ProfileSchema = z.object({
  geography: z.object({ id: z.string(), code: z.string(), name: Name, level: z.string() }),
  items: z.array(z.object({ indicator: IndicatorSchema, points: z.array(PointSchema), latest: PointSchema.nullable() })),
});

export const partitionQuery = z.object({
  collaborativeId: uuid.optional().describe("Omit for public data; a collaborative's id for its private data (members only)"),
});

export const periodText = z.string().max(10).regex(/^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/, 'Use a year (2021), a quarter (2024-Q3) or a month (2025-04)');

export const DashboardInputSchema = z.object({
  collaborativeId: uuid.describe('The collaborative that owns the dashboard'),
  title: requiredText(200),
  description: text(2000).nullish(),
  visibility: z.enum(['members', 'public']).default('members').describe('members: the collaborative only; public: anyone with the link'),
  indicatorIds: z.array(uuid).min(1, 'Choose at least one indicator').max(20),
  geographyIds: z.array(uuid).min(1, 'Choose at least one place').max(20),
});
export type DashboardInput = z.infer<typeof DashboardInputSchema>;

export const UpdateDashboardSchema = z.object({
  version: z.number().int(),
  title: requiredText(200).optional(),
  description: text(2000).nullish(),
  visibility: z.enum(['members', 'public']).optional(),
  indicatorIds: z.array(uuid).min(1).max(20).optional(),
  geographyIds: z.array(uuid).min(1).max(20).optional(),
});
export type UpdateDashboardInput = z.infer<typeof UpdateDashboardSchema>;

export const DashboardSchema = z.object({
  id: z.string(),
  collaborativeId: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  visibility: z.enum(['members', 'public']),
  indicatorIds: z.array(z.string()),
  geographyIds: z.array(z.string()),
  version: z.number().int(),
  updatedAt: z.string(),
  actions: z.object({ 'data.dashboard.write': z.boolean().describe('May change or delete the dashboard (the collaborative’s coordinators)') }),
});

export const DashboardDetailSchema = DashboardSchema.extend({
  indicators: z.array(IndicatorSchema),
  places: z.array(z.object({ id: z.string(), code: z.string(), name: Name })),
});

export const ImportSummarySchema = z.object({
  dryRun: z.boolean(),
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  changes: z.array(z.object({ line: z.number().int(), kind: z.enum(['create', 'update']), before: z.object({ value: z.number().nullable(), status: z.string() }).optional() })),
  encoding: z.string().optional(),
  format: z.string().optional(),
  skipped: z.number().int().optional().describe('Census rows with no saved mapping'),
});

export const CensusMappingSchema = z.object({
  id: z.string(),
  characteristicId: z.number().int(),
  characteristicName: z.string(),
  columnName: z.string(),
  indicatorId: z.string(),
  indicatorCode: z.string(),
});

export const censusColumns = ['C1_COUNT_TOTAL', 'C2_COUNT_MEN+', 'C3_COUNT_WOMEN+', 'C10_RATE_TOTAL', 'C11_RATE_MEN+', 'C12_RATE_WOMEN+'] as const;
export const CensusMappingInputSchema = z.object({
  characteristicId: z.number().int().min(1).max(100000),
  characteristicName: requiredText(500),
  columnName: z.enum(censusColumns).default('C1_COUNT_TOTAL'),
  indicatorId: uuid,
});
