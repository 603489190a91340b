/**
 * Contracts of the service directory's /api/v1 routes (the public finder and staff edits),
 * shared by the server and the web. Imports only zod and the shared building blocks. The HSDA
 * API under /hsds is described by HSDS 3.0's own schemas (directory.hsda.ts).
 */
import { z } from 'zod';
import { text, uuid } from '../../shared/contracts';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
export const Lang = z.enum(['en', 'fr']).default('en').describe('Language for names and descriptions; content falls back to the record’s own');
export const serviceStatuses = ['active', 'inactive', 'defunct', 'temporarily closed'] as const;

// ---------- requests ----------

export const FinderQuery = z.object({
  q: text(200).optional().describe('Plain words in English or French; spelling is corrected against the directory'),
  termId: z
    .union([uuid, z.array(uuid).max(20)])
    .optional()
    .transform((v) => (v === undefined ? undefined : [v].flat()))
    .describe('Need categories (taxonomy term ids); a parent includes its children'),
  municipality: text(60).optional().describe('Geography id or code; services located there or serving an area that contains it'),
  near: text(60).optional().describe('Postal code or place name'),
  radiusKm: z.coerce.number().min(0.5).max(200).default(15).describe('With near: how far from it, in kilometres'),
  language: z.string().regex(/^[A-Za-z]{2,3}$/, 'Use an ISO 639 code such as fr or ar').optional().describe('Offered in this language (ISO 639 code)'),
  age: z.coerce.number().int().min(0).max(130).optional().describe('The person’s age: services whose age range includes it'),
  openNow: bool.optional().describe('Open at this moment (Toronto time)'),
  free: bool.optional().describe('Free of charge'),
  wheelchair: bool.optional().describe('At a wheelchair-accessible location'),
  lang: Lang,
  page: z.coerce.number().int().min(1).max(1000).default(1).describe('Page number, from 1'),
  perPage: z.coerce.number().int().min(1).max(100).default(20).describe('Results per page'),
});
export type FinderQuery = z.output<typeof FinderQuery>;

export const ServiceParams = z.object({ id: uuid.describe('Service id') });
export const TermParams = z.object({ id: uuid.describe('Taxonomy term id') });
export const LangQuery = z.object({ lang: Lang });

export const EditBody = z
  .object({
    version: z.number().int().min(1).describe('The version the edit started from; a stale one gets 409 with the current record'),
    name: text(500).pipe(z.string().min(1, 'Required')).optional().describe('Name of the service'),
    alternate_name: text(500).nullish().describe('Another name people know it by'),
    description: text(20000).nullish().describe('What the service does'),
    url: text(1000).refine((v) => !v || /^https?:\/\//.test(v), 'Start with http:// or https://').nullish().describe('Web page'),
    email: text(320).refine((v) => !v || z.string().email().safeParse(v).success, 'Not a valid email address').nullish().describe('E-mail address'),
    status: z.enum(serviceStatuses).optional().describe('HSDS status'),
    application_process: text(5000).nullish().describe('How to apply'),
    fees_description: text(2000).nullish().describe('Fees, in words'),
    eligibility_description: text(5000).nullish().describe('Who is eligible, in words'),
    interpretation_services: text(2000).nullish().describe('Interpretation offered'),
    alert: text(2000).nullish().describe('A temporary notice shown with the service'),
    minimum_age: z.number().min(0).max(130).nullish().describe('Youngest age served'),
    maximum_age: z.number().min(0).max(130).nullish().describe('Oldest age served'),
    translations: z.record(z.string().regex(/^[a-z]{2,3}$/), z.record(z.string(), text(20000))).optional().describe('Fields in other languages: { fr: { name, description, … } }'),
  })
  .strict()
  .refine((b) => b.minimum_age == null || b.maximum_age == null || b.minimum_age <= b.maximum_age, { path: ['maximum_age'], message: 'Must be at least the minimum age' });
export type EditBody = z.output<typeof EditBody>;

export const CapacityBody = z.object({
  unit: text(100).pipe(z.string().min(1, 'Required')).describe('What is counted: spaces, beds, appointments per week, waitlist length…'),
  available: z.number().min(0).max(1_000_000).describe('How many are available now'),
  maximum: z.number().min(0).max(1_000_000).nullish().describe('How many there are at most'),
  description: text(500).nullish().describe('A note for people reading the figure'),
});
export type CapacityBody = z.output<typeof CapacityBody>;

export const ReviewQuery = z.object({ months: z.coerce.number().int().min(1).max(120).optional().describe('Months without verification (default: the setting)') });
export const ReviewMonthsBody = z.object({ months: z.number().int().min(1).max(120).describe('Months before a service needs re-verifying') });

export const TermBody = z.object({
  taxonomyId: uuid.describe('The taxonomy the term belongs to'),
  parentId: uuid.nullish().describe('The broader term, of the same taxonomy'),
  code: text(100).nullish().describe('The taxonomy’s code for the term'),
  name: text(300).pipe(z.string().min(1, 'Required')).describe('Name in English'),
  nameFr: text(300).nullish().describe('Name in French'),
  description: text(2000).default('').describe('What the term covers'),
});
export type TermBody = z.output<typeof TermBody>;

// ---------- responses ----------

/** An HSDS 3.0 record as JSON; its shape is the compiled HSDS schema served at /hsds/schemas. */
export const HsdsRecord = z.record(z.string(), z.unknown()).describe('HSDS 3.0 JSON (see /hsds/openapi.json)');

export const FinderHours = z.object({
  byday: z.string().nullable().describe('RFC 5545 days, e.g. MO,TU'),
  opensAt: z.string().nullable().describe('Opening time, HH:MM:SS'),
  closesAt: z.string().nullable().describe('Closing time, HH:MM:SS'),
  description: z.string().nullable().describe('Hours in words'),
});

export const FinderLocation = z.object({
  id: z.string().describe('Location id'),
  name: z.string().nullable().describe('Name of the place'),
  latitude: z.number().nullable().describe('WGS 84 latitude'),
  longitude: z.number().nullable().describe('WGS 84 longitude'),
  geographyCode: z.string().nullable().describe('Statistics Canada code of its municipality'),
  address: z.string().nullable().describe('Street address on one line'),
  wheelchairAccessible: z.boolean().describe('Recorded as wheelchair accessible'),
  hours: z.array(FinderHours).describe('Weekly hours at this place'),
  openNow: z.boolean().describe('Open at the moment of the answer (Toronto time)'),
});

export const FinderCapacity = z.object({
  unit: z.string().describe('What is counted'),
  available: z.number().describe('How many are available'),
  maximum: z.number().nullable().describe('How many at most'),
  description: z.string().nullable().describe('Note'),
  updated: z.string().describe('When the figure was last updated'),
  ageDays: z.number().int().describe('Days since then'),
});

export const FinderService = z.object({
  id: z.string().describe('Service id'),
  name: z.string().describe('Name, in the reader’s language when translated'),
  description: z.string().describe('What the service does'),
  organization: z.object({ id: z.string(), name: z.string(), website: z.string().nullable() }).describe('The organization that runs it'),
  status: z.string().describe('HSDS status'),
  applicationProcess: z.string().nullable().describe('How to apply'),
  eligibility: z.string().nullable().describe('Who is eligible, in words'),
  minimumAge: z.number().nullable().describe('Youngest age served'),
  maximumAge: z.number().nullable().describe('Oldest age served'),
  fees: z.string().nullable().describe('Fees, in words'),
  free: z.boolean().describe('Has a free cost option'),
  url: z.string().nullable().describe('Web page'),
  email: z.string().nullable().describe('E-mail address'),
  distanceKm: z.number().nullable().describe('Distance from the place searched near, in km'),
  languages: z.array(z.object({ code: z.string().nullable(), name: z.string().nullable() })).describe('Languages offered'),
  phones: z.array(z.object({ number: z.string(), extension: z.string().nullable(), description: z.string().nullable() })).describe('The service’s phones, then its organization’s'),
  requiredDocuments: z.array(z.string()).describe('Documents to bring'),
  categories: z.array(z.object({ id: z.string(), name: z.string(), taxonomy: z.string().nullable() })).describe('Taxonomy terms it is classified under'),
  locations: z.array(FinderLocation).describe('Where it is offered'),
  capacity: z.array(FinderCapacity).describe('Room left, per unit'),
  lastVerifiedAt: z.string().nullable().describe('When staff last checked the information'),
  lastVerifiedBy: z.string().nullable().describe('Who checked it'),
});
export type FinderService = z.infer<typeof FinderService>;
export type FinderLocation = z.infer<typeof FinderLocation>;
export type FinderHours = z.infer<typeof FinderHours>;
export type FinderCapacity = z.infer<typeof FinderCapacity>;

export const FinderResults = z.object({
  items: z.array(FinderService).describe('This page of services, best match first (nearest first with near and no words)'),
  total: z.number().int().describe('How many services match (at most the cap when totalCapped)'),
  totalCapped: z.boolean().describe('More services match than total counts'),
  page: z.number().int().describe('Page number'),
  perPage: z.number().int().describe('Results per page'),
  corrected: z.string().nullable().describe('The words searched for, when spelling was corrected'),
  origin: z.object({ latitude: z.number(), longitude: z.number(), label: z.string() }).nullable().describe('The place searched near'),
});
export type FinderResults = z.infer<typeof FinderResults>;

/** The actions a reader is told about for one service; see directory.policy.ts. */
export const ServiceActions = z
  .object({
    'directory.service.update': z.boolean().describe('May edit the service'),
    'directory.service.verify': z.boolean().describe('May mark it verified'),
    'directory.service.capacity': z.boolean().describe('May update its capacity'),
  })
  .describe('What the caller may do with this service');

/** The full HSDS service, with the translations the staff edit form starts from. */
export const HsdsServiceRecord = z
  .looseObject({
    translations: z
      .record(z.string(), z.looseObject({ name: z.string().optional().describe('Name'), description: z.string().optional().describe('Description') }))
      .optional()
      .describe('Fields in other languages, by language code'),
  })
  .describe('The service as HSDS 3.0 JSON (see /hsds/openapi.json)');

export const FinderServiceDetail = FinderService.extend({
  version: z.number().int().describe('Version to name when editing'),
  actions: ServiceActions,
  hsds: HsdsServiceRecord,
});
export type FinderServiceDetail = z.infer<typeof FinderServiceDetail>;

/** A need category with its narrower terms, to any depth. */
export type CategoryTerm = {
  id: string;
  code: string | null;
  name: string;
  children: CategoryTerm[];
};
const termFields = {
  id: z.string().describe('Term id'),
  code: z.string().nullable().describe('Term code'),
  name: z.string().describe('Name in the reader’s language'),
};
// Not recursive in zod, so the OpenAPI document needs no self-reference: a term's children
// have the same shape, to any depth, and pass through as they are.
const ChildTerm = z.looseObject({ ...termFields, children: z.array(z.unknown()).describe('Narrower terms, of the same shape') }).describe('A narrower term');
export const CategoryTermSchema = z.object({ ...termFields, children: z.array(ChildTerm).describe('Narrower terms') });
export const Categories = z.object({
  taxonomies: z.array(z.object({ id: z.string().describe('Taxonomy id'), name: z.string().describe('Taxonomy name'), terms: z.array(CategoryTermSchema).describe('Top-level terms') })).describe('One tree per taxonomy'),
});
export type Taxonomy = { id: string; name: string; terms: CategoryTerm[] };
export type Categories = { taxonomies: Taxonomy[] };

export const Languages = z.object({
  items: z.array(z.object({ code: z.string().describe('ISO 639 code'), name: z.string().describe('Name as recorded'), services: z.number().int().describe('Active services offering it') })),
});
export type Languages = z.infer<typeof Languages>;

export const ReviewItem = z.object({
  id: z.string().describe('Service id'),
  name: z.string().describe('Service name'),
  organization: z.string().describe('Organization name'),
  organizationId: z.string().describe('Organization id'),
  lastVerifiedAt: z.string().nullable().describe('Last verified'),
  lastVerifiedBy: z.string().nullable().describe('By whom'),
});
export const ReviewQueue = z.object({ months: z.number().int().describe('Months used'), items: z.array(ReviewItem).describe('Oldest verification first, at most 500') });
export type ReviewItem = z.infer<typeof ReviewItem>;
export type ReviewQueue = z.infer<typeof ReviewQueue>;

export const TermSaved = z.object({ id: z.string().describe('Taxonomy term id') });
