import { z } from 'zod';
import { pageQuery, paged, partnerCategories, requiredText, sectors, text, uuid } from '../../shared/contracts';

export const OrganizationPhoneSchema = z.object({
  /** Digits and the usual separators; stored as written. */
  number: requiredText(40).pipe(z.string().regex(/^[+0-9 ().-]{3,40}$/, 'Use digits, spaces, + ( ) . or -')).describe('Phone number as dialled'),
  extension: text(20).nullish().describe('Extension, if any'),
  type: z.enum(['voice', 'fax', 'text', 'cell', 'video', 'pager', 'textphone']).nullish().describe('HSDS phone type'),
  description: text(200).nullish().describe('What this number is for'),
});

export const OrganizationAddressSchema = z.object({
  type: z.enum(['physical', 'postal', 'virtual']).default('physical').describe('HSDS address type'),
  address1: requiredText(200).describe('Street address'),
  address2: text(200).nullish(),
  city: requiredText(100),
  province: requiredText(50).default('ON'),
  postalCode: text(10)
    .nullish()
    .refine((v) => !v || /^[A-Za-z]\d[A-Za-z][ -]?\d[A-Za-z]\d$/.test(v), 'Use a Canadian postal code like L1H 7K4')
    .describe('Canadian postal code'),
  country: text(2).default('CA').describe('ISO 3166-1 alpha-2'),
});

const websiteSchema = text(500).refine((v) => !v || /^https?:\/\/[^\s]+$/i.test(v), 'Start the website with http:// or https://');
const emailSchema = text(320).refine((v) => !v || z.string().email().safeParse(v).success, 'Not a valid email address');

const organizationFields = {
  legalName: requiredText(300).describe('Legal or registered name'),
  alternateNames: z.array(requiredText(300)).max(20).default([]).describe('Other names and acronyms people use'),
  description: text(10000).nullish().describe('What the organization does'),
  website: websiteSchema.nullish().describe('Public website'),
  email: emailSchema.nullish().describe('General contact email'),
  phones: z.array(OrganizationPhoneSchema).max(20).default([]),
  addresses: z.array(OrganizationAddressSchema).max(20).default([]),
  sector: z.enum(sectors).nullish().describe('Main sector'),
  partnerCategory: z.enum(partnerCategories).nullish().describe('Partner category, as in the planning-table literature'),
  parentId: uuid.nullish().describe('Parent organization, for branches and divisions'),
  geographyId: uuid.nullish().describe('Main municipality or area served from'),
};

export const CreateOrganizationBody = z.object(organizationFields).strict();
export type CreateOrganizationInput = z.infer<typeof CreateOrganizationBody>;

export const UpdateOrganizationBody = z
  .object({
    ...Object.fromEntries(Object.entries(organizationFields).map(([k, v]) => [k, (v as z.ZodTypeAny).optional()])),
    version: z.number().int().min(1).describe('The version you edited; a stale version gets 409'),
  })
  .strict() as unknown as z.ZodType<Partial<CreateOrganizationInput> & { version: number }>;

export const OrganizationListQuery = pageQuery.extend({
  q: text(200).optional().describe('Search legal and alternate names; tolerant of accents and typos'),
  partnerCategory: z.enum(partnerCategories).optional(),
  sector: z.enum(sectors).optional(),
});

// Response schemas hold no transforms: responses are encoded, and a transform cannot run backwards.
export const OrganizationSchema = z.object({
  id: z.string().uuid(),
  legalName: z.string(),
  alternateNames: z.array(z.string()),
  description: z.string().nullable(),
  website: z.string().nullable(),
  email: z.string().nullable(),
  phones: z.array(z.object({ number: z.string(), extension: z.string().nullish(), type: z.string().nullish(), description: z.string().nullish() })),
  addresses: z.array(
    z.object({
      type: z.string(),
      address1: z.string(),
      address2: z.string().nullish(),
      city: z.string(),
      province: z.string(),
      postalCode: z.string().nullish(),
      country: z.string(),
    }),
  ),
  sector: z.string().nullable(),
  partnerCategory: z.string().nullable(),
  parentId: z.string().uuid().nullable(),
  parentName: z.string().nullable().describe('Legal name of the parent organization'),
  geographyId: z.string().uuid().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  actions: z.object({ update: z.boolean(), viewUsers: z.boolean() }).describe('What the signed-in user may do with this record'),
});
export type Organization = z.infer<typeof OrganizationSchema>;

export const OrganizationListSchema = paged(OrganizationSchema).extend({
  actions: z.object({ create: z.boolean() }),
});

export const IdParams = z.object({ id: uuid });
