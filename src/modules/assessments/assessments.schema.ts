/** Contracts of the assessments module (zod, described for /openapi.json); the web imports the types. */
import { z } from 'zod';
import { uuid } from '../../shared/contracts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-03-31');

export const instrumentKinds = ['pair_rating', 'likert', 'checklist'] as const;
export type InstrumentKind = (typeof instrumentKinds)[number];
export const roundStatuses = ['open', 'closed'] as const;
export const followUpKinds = ['meeting_agenda', 'strategy_action'] as const;

export const IdParams = z.object({ id: uuid.describe('Identifier') });
export const TokenParams = z.object({ token: z.string().min(20).max(100).describe('The single-use link’s token') });
const Actions = z.record(z.string(), z.boolean()).describe('What the caller may do: action → allowed');

const Text = (max: number, what: string) => z.string().trim().min(1).max(max).describe(what);

export const ScaleLevelSchema = z.object({
  value: z.number().int().min(0).max(10).describe('Stored value'),
  key: z.string().describe('Stable key of the level'),
  en: z.string().describe('Label in English'),
  fr: z.string().describe('Label in French'),
  descriptionEn: z.string().optional().describe('What the level means, in English'),
  descriptionFr: z.string().optional().describe('What the level means, in French'),
});
export const ScaleSchema = z.object({
  id: z.string().describe('Identifier'),
  key: z.string().describe('Stable key'),
  version: z.number().int().describe('Version of the scale'),
  nameEn: z.string().describe('Name in English'),
  nameFr: z.string().describe('Name in French'),
  source: z.string().describe('Where the scale comes from'),
  levels: z.array(ScaleLevelSchema).describe('Levels in ascending order'),
  crosswalks: z.array(z.object({ toScaleKey: z.string().describe('The scale it maps onto'), mapping: z.record(z.string(), z.number()).describe('Level value → level value on the other scale'), note: z.string().describe('Why the levels match') })).describe('How its levels read on other scales'),
});
export type Scale = z.infer<typeof ScaleSchema>;

const LocalizedItem = z.object({
  key: z.string().trim().min(1).max(60).regex(/^[a-z0-9_]+$/).describe('Stable key (lower case, digits, underscores)'),
  en: Text(500, 'Text in English'),
  fr: Text(500, 'Text in French'),
});
export const DefinitionSchema = z.object({
  themes: z.array(LocalizedItem).max(10).optional().describe('Pair ratings: themes rated separately (none = one overall rating)'),
  trustValue: z.boolean().optional().describe('Pair ratings: also ask how much the rater trusts and values each partner (1-4)'),
  factors: z.array(LocalizedItem).max(40).optional().describe('Likert: the factors items are grouped under'),
  items: z.array(LocalizedItem.extend({ factor: z.string().optional().describe('Likert: the factor this item belongs to') })).max(80).optional().describe('Likert and checklist: the statements'),
});
export type Definition = z.infer<typeof DefinitionSchema>;

export const InstrumentSchema = z.object({
  id: z.string().describe('Identifier'),
  key: z.string().describe('Stable key shared by every version'),
  version: z.number().int().describe('Version'),
  kind: z.enum(instrumentKinds).describe('Pair ratings, Likert items or a checklist'),
  nameEn: z.string().describe('Name in English'),
  nameFr: z.string().describe('Name in French'),
  descriptionEn: z.string().describe('Description in English'),
  descriptionFr: z.string().describe('Description in French'),
  source: z.string().describe('Where the instrument comes from'),
  scale: ScaleSchema.nullable().describe('The rating scale (none for checklists)'),
  definition: DefinitionSchema,
});
export type Instrument = z.infer<typeof InstrumentSchema>;

export const InstrumentBody = z.object({
  key: z.string().trim().min(2).max(60).regex(/^[a-z0-9-]+$/).describe('Stable key; reusing an existing key makes a new version'),
  kind: z.enum(instrumentKinds).describe('Pair ratings, Likert items or a checklist'),
  nameEn: Text(200, 'Name in English'),
  nameFr: Text(200, 'Name in French'),
  descriptionEn: z.string().max(2000).default('').describe('Description in English'),
  descriptionFr: z.string().max(2000).default('').describe('Description in French'),
  source: z.string().max(500).default('').describe('Where the instrument comes from'),
  scaleId: uuid.nullish().describe('The rating scale (required for pair ratings and Likert)'),
  definition: DefinitionSchema,
});
export type InstrumentInput = z.infer<typeof InstrumentBody>;

export const RespondentSchema = z.object({
  id: z.string().describe('Identifier of the respondent in this round'),
  displayName: z.string().describe('The member (organization or person)'),
  hasAccount: z.boolean().describe('Answers signed in (otherwise by a single-use link)'),
  submitted: z.boolean().describe('Has submitted'),
  isMe: z.boolean().describe('This respondent is the caller'),
  lastReminderAt: z.string().nullable().describe('When a reminder was last recorded'),
});

export const RoundSchema = z.object({
  id: z.string().describe('Identifier'),
  collaborativeId: z.string().describe('The collaborative'),
  title: z.string().describe('Title'),
  instrument: z.object({ id: z.string(), key: z.string(), version: z.number(), kind: z.enum(instrumentKinds), nameEn: z.string(), nameFr: z.string() }).describe('The instrument (version frozen for the round)'),
  opensOn: z.string().describe('Opening day'),
  closesOn: z.string().describe('Closing day'),
  status: z.enum(roundStatuses).describe('Open or closed'),
  illustrative: z.boolean().describe('Demo answers: illustrative, not real'),
  progress: z.object({ rosterSize: z.number(), submitted: z.number() }).describe('How many of the roster submitted'),
  myRespondentId: z.string().nullable().describe('The caller’s place on the roster, if any'),
  mySubmitted: z.boolean().describe('The caller has submitted'),
  respondents: z.array(RespondentSchema).nullable().describe('The roster with who submitted (coordinators only); never answers'),
  actions: Actions,
});
export type Round = z.infer<typeof RoundSchema>;

export const RoundListQuery = z.object({ collaborativeId: uuid.optional().describe('Only this collaborative’s rounds') });

export const OpenRoundBody = z.object({
  collaborativeId: uuid.describe('The collaborative whose members answer'),
  instrumentId: uuid.describe('The instrument version'),
  title: Text(200, 'Title of the round'),
  opensOn: isoDate.optional().describe('Opening day (today when omitted)'),
  closesOn: isoDate.describe('Closing day'),
});

export const AnswerSchema = z.object({
  targetId: uuid.nullish().describe('Pair ratings: the partner rated'),
  theme: z.string().max(60).default('').describe('Pair ratings: the theme (empty = overall)'),
  item: z.string().min(1).max(60).describe('"level", "trust", "value", or the Likert / checklist item key'),
  value: z.number().int().min(0).max(10).describe('The answer on the scale (checklist: 1 checked, 0 not)'),
});
export const AnswersBody = z.object({
  answers: z.array(AnswerSchema).max(2000).describe('Answers to save (replacing earlier ones)'),
  submit: z.boolean().default(false).describe('Submit: no more changes after this'),
});

export const QuestionnaireSchema = z.object({
  round: z.object({ id: z.string(), title: z.string(), closesOn: z.string(), status: z.enum(roundStatuses), illustrative: z.boolean() }).describe('The round'),
  instrument: InstrumentSchema,
  respondent: z.object({ id: z.string(), displayName: z.string(), submitted: z.boolean() }).describe('Who answers'),
  targets: z.array(z.object({ id: z.string(), displayName: z.string() })).describe('Pair ratings: the partners to rate'),
  answers: z.array(AnswerSchema.extend({ targetId: z.string().nullable(), theme: z.string() })).describe('The respondent’s own answers so far (only ever shown to them)'),
});
export type Questionnaire = z.infer<typeof QuestionnaireSchema>;

export const LinkSchema = z.object({ respondentId: z.string(), displayName: z.string(), token: z.string().describe('Shown once; only its hash is kept') });

const Share = z.object({ level: z.number(), count: z.number(), share: z.number(), densityAtLeast: z.number() });
export const PairResultsSchema = z.object({
  theme: z.string().describe('Theme ("" = overall)'),
  rosterSize: z.number(), respondents: z.number(), responseRate: z.number(), suppressed: z.boolean().describe('Fewer than the minimum respondents: aggregates hidden'),
  minRespondents: z.number(), possibleRatings: z.number(),
  levels: z.array(Share).describe('Share at each level and density at each level or higher'),
  extent: z.number().nullable(), scope: z.number().nullable(), depth: z.number().nullable(),
  reciprocity: z.object({ pairsRatedByBoth: z.number(), agreeing: z.number(), share: z.number().nullable(), meanGap: z.number().nullable() }),
  organizations: z.array(z.object({ id: z.string(), name: z.string(), raters: z.number(), suppressed: z.boolean(), centrality: z.number().nullable(), meanLevelReceived: z.number().nullable(), trustReceived: z.number().nullable(), valueReceived: z.number().nullable() })),
  pairs: z.array(z.object({ a: z.string(), b: z.string(), ratings: z.number(), agreedLevel: z.number().nullable(), discrepant: z.boolean(), gap: z.number().nullable() })),
  discrepancies: z.array(z.object({ a: z.string(), b: z.string(), gap: z.number() })),
});
export const ResultsSchema = z.object({
  round: RoundSchema,
  computedAt: z.string().describe('When the results were computed (at close; immutable)'),
  method: z.object({ version: z.number(), minRespondents: z.number(), en: z.string(), fr: z.string() }).describe('How the scores were computed'),
  scale: ScaleSchema.nullable(),
  definition: DefinitionSchema.describe('The instrument’s themes, factors and items, for their labels'),
  pairs: z.array(PairResultsSchema).nullable().describe('Pair ratings: one block per theme'),
  factors: z.array(z.object({ factor: z.string(), respondents: z.number(), suppressed: z.boolean(), mean: z.number().nullable(), sd: z.number().nullable(), min: z.number().nullable(), max: z.number().nullable(), band: z.enum(['strength', 'borderline', 'concern']).nullable() })).nullable().describe('Likert: factor scores with their spread'),
  checklist: z.array(z.object({ item: z.string(), respondents: z.number(), suppressed: z.boolean(), checked: z.number().nullable(), share: z.number().nullable() })).nullable().describe('Checklist: share who checked each item'),
});
export type Results = z.infer<typeof ResultsSchema>;

export const TrendsQuery = z.object({ collaborativeId: uuid.describe('The collaborative'), instrumentKey: z.string().min(1).max(60).describe('Instrument key (every version)') });
export const TrendsSchema = z.object({
  items: z.array(z.object({
    roundId: z.string(), title: z.string(), closesOn: z.string(), illustrative: z.boolean(), respondents: z.number(), suppressed: z.boolean(),
    densityAtLeast: z.record(z.string(), z.number()).describe('Density at each level or higher, by level value'),
    extent: z.number().nullable(), scope: z.number().nullable(), depth: z.number().nullable(), reciprocity: z.number().nullable(), discrepancies: z.number(),
    factors: z.record(z.string(), z.number().nullable()).describe('Likert: factor means'),
  })).describe('Closed rounds, oldest first'),
});

export const FollowUpBody = z.object({
  kind: z.enum(followUpKinds).describe('A meeting agenda item (target: the collaborative) or a plan action (target: a strategy plan)'),
  targetId: uuid.describe('The collaborative or the strategy plan'),
  finding: Text(2000, 'The finding, as it should read on the agenda or in the plan'),
});
export const FollowUpSchema = z.object({ id: z.string(), kind: z.enum(followUpKinds), targetId: z.string(), finding: z.string(), createdAt: z.string() });

// ---------- Welcoming-community assessment ----------

export const welcomingComparisons = ['over_time', 'peers', 'immigrants'] as const;

export const ScanQuery = z.object({ collaborativeId: uuid.describe('The collaborative'), geographyId: uuid.describe('The community (a place)') });
const IndicatorBrief = z.object({
  id: z.string(), code: z.string(), nameEn: z.string(), nameFr: z.string(), unit: z.string(),
  latest: z.object({ period: z.string(), display: z.string() }).nullable().describe('Latest value for the place, after disclosure control'),
  immigrantBreakdown: z.boolean().describe('The repository breaks the latest value down by immigrant status (immigrants against non-immigrants)'),
});
/** A plan action of the collaborative's strategy plans (read through strategy.api). */
export const PlanActionSchema = z.object({ id: z.string(), title: z.string(), titleFr: z.string().nullable(), planTitle: z.string(), planTitleFr: z.string().nullable() });
export type PlanAction = z.infer<typeof PlanActionSchema>;
export const ScanSchema = z.object({
  framework: z.object({ key: z.string(), version: z.number(), en: z.string(), fr: z.string() }).describe('The framework the scan follows'),
  characteristics: z.array(z.object({
    key: z.string(), en: z.string(), fr: z.string(),
    indicators: z.array(IndicatorBrief).describe('Indicators in the data repository that speak to it'),
    services: z.number().describe('Active services in the directory for the need domains that serve it'),
    actions: z.array(PlanActionSchema).describe('Plan actions of the collaborative’s strategy plans linked to it'),
  })),
  peers: z.array(z.object({ id: z.string(), nameEn: z.string(), nameFr: z.string() })).describe('Places to compare with'),
  planActions: z.array(PlanActionSchema).describe('Every live action of the collaborative’s strategy plans, to link'),
  actions: Actions,
});
export const ActionLinkBody = z.object({
  collaborativeId: uuid.describe('The collaborative'),
  characteristic: z.string().min(1).max(60).describe('Characteristic key'),
  actionId: uuid.describe('A plan action of one of the collaborative’s strategy plans'),
  linked: z.boolean().describe('Link (true) or unlink (false)'),
});
export type Scan = z.infer<typeof ScanSchema>;

export const ProfileBody = z.object({
  collaborativeId: uuid.describe('The collaborative'),
  geographyId: uuid.describe('The community'),
  title: Text(200, 'Title of the profile'),
  priorities: z.array(z.string().min(1).max(60)).min(1).max(17).describe('Characteristic keys, most important first'),
  choices: z.array(z.object({
    characteristic: z.string().min(1).max(60).describe('Characteristic key'),
    indicatorIds: z.array(uuid).max(20).describe('Indicators chosen for it'),
    comparisons: z.array(z.enum(welcomingComparisons)).max(3).describe('Comparisons: over time, peer communities, immigrants against non-immigrants'),
  })).max(17).default([]).describe('Indicators and comparisons per characteristic'),
  peerIds: z.array(uuid).max(10).default([]).describe('Peer communities to compare with'),
});

const Point = z.object({ period: z.string(), display: z.string() });
export const ProfileSchema = z.object({
  id: z.string(), collaborativeId: z.string(), geographyId: z.string(), title: z.string(), createdAt: z.string().describe('The date of the profile'),
  isPublic: z.boolean(), illustrative: z.boolean(),
  framework: z.object({ key: z.string(), version: z.number(), en: z.string(), fr: z.string() }).describe('The framework version it was made with'),
  content: z.object({
    placeEn: z.string(), placeFr: z.string(),
    characteristics: z.array(z.object({
      key: z.string(), rank: z.number(), en: z.string(), fr: z.string(), services: z.number(),
      actions: z.array(PlanActionSchema).describe('Plan actions linked to the characteristic when the profile was made'),
      indicators: z.array(z.object({
        id: z.string(), code: z.string(), nameEn: z.string(), nameFr: z.string(), unit: z.string(),
        overTime: z.array(Point).nullable().describe('The series for the place'),
        latest: Point.nullable(),
        peers: z.array(z.object({ nameEn: z.string(), nameFr: z.string(), latest: Point.nullable() })).nullable(),
        immigrants: z.object({
          available: z.boolean(), noteEn: z.string(), noteFr: z.string(),
          period: z.string().optional().describe('The period compared'),
          immigrants: z.object({ display: z.string(), suppressed: z.boolean() }).optional().describe('Immigrants, after disclosure control'),
          nonImmigrants: z.object({ display: z.string(), suppressed: z.boolean() }).optional().describe('Non-immigrants, after disclosure control'),
        }).nullable(),
      })),
    })),
  }),
  actions: Actions,
});
export type Profile = z.infer<typeof ProfileSchema>;

// ---------- Community surveys (public, anonymous) ----------

export const surveyStatuses = ['draft', 'open', 'closed'] as const;
const lang = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'Use a language code like fr, es or zh-Hant').describe('Language code (BCP 47)');
/** The stored UI strings a language other than English and French may carry (falls back to English). */
export const surveyUiKeys = ['intro', 'submit', 'thanks', 'comment', 'notImportant', 'veryImportant', 'already', 'closed'] as const;
export const SurveyLanguage = z.object({
  lang,
  name: z.string().min(1).max(60).describe('The language’s own name, shown in the language menu (e.g. Español)'),
  title: z.string().min(1).max(200).describe('The survey’s title in this language'),
  questions: z.record(z.string(), z.string().min(1).max(500)).describe('Question text per characteristic key'),
  ui: z.partialRecord(z.enum(surveyUiKeys), z.string().max(500)).default({}).describe('A few stored UI strings in this language'),
});
export type SurveyLanguageInput = z.infer<typeof SurveyLanguage>;
export const SurveyBody = z.object({
  collaborativeId: uuid.describe('The collaborative'),
  profileId: uuid.optional().describe('The welcoming-community profile the survey informs'),
  title: z.string().min(1).max(200).describe('Title (English)'),
  titleFr: z.string().min(1).max(200).describe('Title (French)'),
  characteristics: z.array(z.string()).min(1).max(30).optional().describe('Characteristic keys to rate (default: the profile’s priorities, or all)'),
  languages: z.array(SurveyLanguage).max(20).default([]).describe('Languages other than English and French'),
});
export const SurveyLanguageBody = SurveyLanguage;
export const SurveySchema = z.object({
  id: z.string(), collaborativeId: z.string(), profileId: z.string().nullable(), title: z.string(), titleFr: z.string(),
  status: z.enum(surveyStatuses), characteristics: z.array(z.object({ key: z.string(), en: z.string(), fr: z.string() })),
  languages: z.array(SurveyLanguage), responses: z.number().int(), illustrative: z.boolean(),
  createdAt: z.string(), openedAt: z.string().nullable(), closedAt: z.string().nullable(), actions: z.record(z.string(), z.boolean()),
});
export type Survey = z.infer<typeof SurveySchema>;
export const PublicSurveySchema = z.object({
  id: z.string(), status: z.enum(surveyStatuses), lang: z.string().describe('The language served'),
  languages: z.array(z.object({ lang: z.string(), name: z.string() })).describe('Languages the survey is offered in'),
  title: z.string(), questions: z.array(z.object({ key: z.string(), text: z.string() })),
  ui: z.record(z.string(), z.string()).describe('Stored UI strings in this language (empty for English and French: the page has them)'),
});
export const PublicSurveyQuery = z.object({ lang: z.string().max(20).default('en').describe('Preferred language; falls back to English') });
export const SurveyResponseBody = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{22,64}$/, 'A random browser token').describe('A random token this browser keeps for this survey'),
  lang: z.string().max(20).default('en').describe('The language answered in'),
  ratings: z.record(z.string(), z.number().int().min(1).max(5)).describe('Importance 1-5 per characteristic key (skip any)'),
  comment: z.string().max(2000).optional().describe('Optional free text'),
});
export const SurveyResultsSchema = z.object({
  surveyId: z.string(), responses: z.number().int(), minimum: z.number().int(), suppressed: z.boolean(),
  items: z.array(z.object({ key: z.string(), en: z.string(), fr: z.string(), count: z.number().int().nullable(), mean: z.number().nullable() })),
  comments: z.array(z.string()).describe('Free-text answers (only when the minimum is reached)'),
});
export type SurveyResults = z.infer<typeof SurveyResultsSchema>;
