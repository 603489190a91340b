/**
 * Contracts of the service-pathways module, shared by the server and the web. Imports only zod
 * and the shared building blocks.
 */
import { z } from 'zod';
import { requiredText, text, uuid } from '../../shared/contracts';

/** The touchpoints a step can be, in the order a person usually meets them. */
export const stepKinds = ['entry', 'screening', 'intake', 'referral', 'service', 'follow_up', 'exit'] as const;
export type StepKind = (typeof stepKinds)[number];
export const conditionKinds = ['eligibility', 'acuity', 'other'] as const;
export const pathwayStatuses = ['draft', 'published'] as const;
export const feedbackAnswers = ['yes', 'partly', 'no'] as const;

const actionFlags = z.record(z.string(), z.boolean()).describe('What the caller may do with this record');
export const IdParams = z.object({ id: uuid.describe('Pathway id') });
const stepKey = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'Use lower-case letters, digits and dashes (at most 40)').describe('Stable key of the step within its pathway');

export const ConditionSchema = z.object({
  kind: z.enum(conditionKinds).describe('What the condition is about'),
  text: requiredText(500).describe('The condition in plain English'),
  textFr: text(500).default('').describe('The condition in French'),
});

export const NextSchema = z.object({
  to: stepKey.describe('Key of the step that follows'),
  condition: text(300).default('').describe('When this branch is taken (empty: always)'),
});

export const StepSchema = z.object({
  key: stepKey,
  kind: z.enum(stepKinds).describe('The touchpoint: entry, screening, intake, referral, service, follow-up or exit'),
  title: requiredText(200).describe('Name of the step in English'),
  titleFr: text(200).default('').describe('Name of the step in French'),
  description: text(2000).default('').describe('What happens at this step, for residents (English)'),
  descriptionFr: text(2000).default('').describe('What happens at this step (French)'),
  toBring: text(1000).default('').describe('What to bring (English)'),
  toBringFr: text(1000).default('').describe('What to bring (French)'),
  domain: text(60).nullable().default(null).describe('Need domain code of the directory taxonomy'),
  serviceIds: z.array(uuid).max(30).default([]).describe('Directory services that deliver the step'),
  organizationIds: z.array(uuid).max(30).default([]).describe('Organizations that deliver the step'),
  conditions: z.array(ConditionSchema).max(10).default([]).describe('Eligibility, acuity or other conditions of the step'),
  targetDays: z.number().int().min(0).max(730).nullable().default(null).describe('Target number of days from the previous step to this one'),
  responsibleRole: text(120).default('').describe('The role responsible for the step (e.g. settlement worker)'),
  next: z.array(NextSchema).max(10).default([]).describe('The steps that may follow, each with the condition of its branch; several steps pointing to one join there'),
});
export type Step = z.infer<typeof StepSchema>;

/** A step as responses carry it: the same fields, plain types (responses have no transforms). */
export const StepOutSchema = z.object({
  key: z.string(), kind: z.enum(stepKinds), title: z.string(), titleFr: z.string(), description: z.string(), descriptionFr: z.string(),
  toBring: z.string(), toBringFr: z.string(), domain: z.string().nullable(), serviceIds: z.array(z.string()), organizationIds: z.array(z.string()),
  conditions: z.array(z.object({ kind: z.enum(conditionKinds), text: z.string(), textFr: z.string() })),
  targetDays: z.number().nullable(), responsibleRole: z.string(), next: z.array(z.object({ to: z.string(), condition: z.string() })),
});
export type StepInput = z.input<typeof StepSchema>;

const pathwayFields = {
  collaborativeId: uuid.describe('The collaborative the pathway belongs to'),
  name: requiredText(200).describe('Name in English'),
  nameFr: text(200).default('').describe('Name in French'),
  scenario: text(2000).default('').describe('The scenario it serves, e.g. "a newcomer family with a child under 6 and no income" (English)'),
  scenarioFr: text(2000).default('').describe('The scenario (French)'),
  population: text(300).default('').describe('The population it serves'),
  geographyId: uuid.nullable().default(null).describe('The place it covers'),
  reviewDate: z.string().date().nullable().default(null).describe('When the pathway is next to be reviewed (YYYY-MM-DD)'),
  steps: z.array(StepSchema).max(60).default([]).describe('The steps, in order'),
};
export const CreatePathwayBody = z.object(pathwayFields);
export type CreatePathwayInput = z.input<typeof CreatePathwayBody>;
const { collaborativeId: _c, ...editable } = pathwayFields;
export const UpdatePathwayBody = z.object(editable).partial().extend({ version: z.number().int().positive().describe('The version you edited') });
export const CopyPathwayBody = z.object({
  collaborativeId: uuid.describe('The collaborative the copy belongs to'),
  name: requiredText(200).optional().describe('Name of the copy (default: the base name)'),
});
export const PublishBody = z.object({
  version: z.number().int().positive().describe('The version you edited'),
  note: text(1000).default('').describe('What changed in this version'),
});

export const PathwaySummarySchema = z.object({
  id: z.string(),
  collaborativeId: z.string(),
  collaborativeName: z.string(),
  name: z.string(),
  nameFr: z.string(),
  scenario: z.string(),
  status: z.enum(pathwayStatuses).describe('draft until a version is published'),
  publishedVersion: z.number().nullable().describe('Number of the latest published version'),
  reviewDate: z.string().nullable(),
  steps: z.number().describe('Number of steps'),
  basedOnId: z.string().nullable(),
  baseChanged: z.boolean().describe('The base published a version after this copy was made or last acknowledged'),
});

export const VersionSummarySchema = z.object({ number: z.number(), publishedAt: z.string(), note: z.string(), reviewDate: z.string().nullable(), steps: z.number() });

export const StepChangeSchema = z.object({
  key: z.string(),
  change: z.enum(['added', 'removed', 'changed']),
  fields: z.array(z.string()).describe('Fields that differ (for changed steps)'),
  title: z.string(),
});
export type StepChange = z.infer<typeof StepChangeSchema>;

export const PathwaySchema = z.object({
  id: z.string(),
  collaborativeId: z.string(),
  collaborativeName: z.string(),
  name: z.string(),
  nameFr: z.string(),
  scenario: z.string(),
  scenarioFr: z.string(),
  population: z.string(),
  geographyId: z.string().nullable(),
  reviewDate: z.string().nullable(),
  status: z.enum(pathwayStatuses),
  steps: z.array(StepOutSchema),
  names: z.object({ services: z.record(z.string(), z.string()), organizations: z.record(z.string(), z.string()), serviceOrganizations: z.record(z.string(), z.string()).describe('Each service\'s organization id') }).describe('Names of the services and organizations the steps name'),
  versions: z.array(VersionSummarySchema),
  basedOn: z.object({
    id: z.string(), name: z.string(), collaborativeName: z.string(), copiedVersion: z.number().nullable(), latestVersion: z.number().nullable(),
    changed: z.boolean().describe('The base published a version after the copy was made or last acknowledged'),
    diff: z.array(StepChangeSchema).describe('What the copy changed against the base\'s latest version'),
  }).nullable(),
  copies: z.array(z.object({ id: z.string(), name: z.string(), collaborativeName: z.string() })),
  version: z.number(),
  actions: actionFlags,
});
export type Pathway = z.infer<typeof PathwaySchema>;

export const ListQuery = z.object({ collaborativeId: uuid.optional().describe('Only this collaborative\'s pathways') });

export const VersionDiffQuery = z.object({
  from: z.coerce.number().int().positive().describe('Older version number'),
  to: z.coerce.number().int().positive().describe('Newer version number'),
});

// ---------- Observed flow ----------

export const FlowQuery = z.object({
  from: z.string().date().optional().describe('First day of the period (default: a year ago)'),
  to: z.string().date().optional().describe('Last day of the period (default: today)'),
});

const shown = z.object({ value: z.number().nullable().describe('null when hidden'), display: z.string().describe('The number, "<5" or "x"') });
export const FlowSchema = z.object({
  from: z.string(),
  to: z.string(),
  threshold: z.number().describe('Counts from 1 to threshold − 1 are hidden'),
  entered: shown.describe('People whose referrals matched a step'),
  referrals: z.number().describe('Referrals read in the period (not a count of people)'),
  steps: z.array(z.object({
    key: z.string(),
    title: z.string(),
    reached: shown.describe('People who reached the step'),
    endedHere: shown.describe("People whose last matched step this was: a drop-off, unless the step is an exit"),
    referrals: shown.describe('Referrals matched to the step'),
    closedLoops: shown.describe('Of those referrals, how many had their outcome reported back'),
  })),
  links: z.array(z.object({
    from: z.string(), to: z.string(),
    people: shown,
    ideal: z.boolean().describe('The pathway draws this link'),
    loop: z.boolean().describe('Goes back to an earlier step or repeats one'),
    medianDays: z.number().nullable().describe('Median days between the two steps; null under the threshold'),
    targetDays: z.number().nullable(),
  })),
  loops: shown.describe('People who looped back at least once'),
  method: z.string(),
});
export type Flow = z.infer<typeof FlowSchema>;

// ---------- Workshop ----------

export const DrawingStepSchema = z.object({
  kind: z.enum(stepKinds),
  title: requiredText(200).describe('What happened at this point, in the participant\'s words'),
  stepKey: stepKey.nullable().default(null).describe('The pathway step it corresponds to, when there is one'),
});
export const DrawingBody = z.object({
  participant: requiredText(120).describe('Who drew it (a name or a role; no client information)'),
  steps: z.array(DrawingStepSchema).min(1).max(60).describe('How the scenario goes today, in order'),
});
export const MergedSchema = z.object({
  drawings: z.array(z.object({ id: z.string(), participant: z.string(), steps: z.array(z.object({ kind: z.enum(stepKinds), title: z.string(), stepKey: z.string().nullable() })), createdAt: z.string() })),
  rows: z.array(z.object({
    id: z.string().describe('The pathway step key, or the normalised title of a step no pathway step matches'),
    title: z.string(),
    kind: z.enum(stepKinds),
    inPathway: z.boolean(),
    count: z.number().describe('Drawings in which it appears'),
    share: z.number().describe('count ÷ drawings'),
    positions: z.array(z.number().nullable()).describe('Its position in each drawing (null: absent)'),
    common: z.boolean().describe('Appears in every drawing'),
  })),
  orderDiffers: z.array(z.object({ a: z.string(), b: z.string(), aFirst: z.number(), bFirst: z.number() })).describe('Pairs of steps drawn in both orders'),
  actions: actionFlags,
});

// ---------- Public ----------

export const FeedbackBody = z.object({
  answer: z.enum(feedbackAnswers).describe('Was this right? yes, partly or no'),
  comment: text(2000).default('').describe('What was different (no personal information, please)'),
  stepKey: stepKey.nullable().default(null).describe('The step the comment is about'),
  lang: z.enum(['en', 'fr']).default('en'),
});
export const FeedbackSchema = z.object({ id: z.string(), answer: z.enum(feedbackAnswers), comment: z.string(), stepKey: z.string().nullable(), lang: z.string(), versionNumber: z.number().nullable(), createdAt: z.string() });

export const PublicPathwaySchema = z.object({
  id: z.string(),
  name: z.string(), nameFr: z.string(), scenario: z.string(), scenarioFr: z.string(), population: z.string(),
  collaborativeName: z.string(),
  versionNumber: z.number(),
  publishedAt: z.string(),
  reviewDate: z.string().nullable(),
  steps: z.array(StepOutSchema),
  names: z.object({ services: z.record(z.string(), z.string()), organizations: z.record(z.string(), z.string()), serviceOrganizations: z.record(z.string(), z.string()).describe('Each service\'s organization id') }),
});
export const PublicListSchema = z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), nameFr: z.string(), scenario: z.string(), scenarioFr: z.string() })) });
export const ByServiceParams = z.object({ serviceId: uuid.describe('Directory service id') });
