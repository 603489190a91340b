import { z } from 'zod';

/**
 * Contracts shared by server and web: enumerations in users' words, and small building blocks.
 * Labels for these values live in the web translations.
 */
export const partnerCategories = [
  'voluntary_nonprofit',
  'data_research',
  'grassroots_lived_experience',
  'private_sector',
  'media',
  'government_public_sector',
  'population_specific',
] as const;
export type PartnerCategory = (typeof partnerCategories)[number];

export const sectors = [
  'settlement',
  'employment',
  'education',
  'language',
  'health',
  'mental_health',
  'housing',
  'social_services',
  'children_youth',
  'justice_policing',
  'municipal_government',
  'provincial_government',
  'federal_government',
  'business',
  'faith',
  'ethno_cultural',
  'community',
  'research',
  'funder',
  'media',
  'other',
] as const;
export type Sector = (typeof sectors)[number];

export const roleNames = ['platform_admin', 'org_admin', 'staff', 'coordinator', 'member', 'viewer', 'privacy_officer'] as const;

/** Plain text a person typed: trimmed, bounded, no control characters other than newlines and tabs. */
export const text = (max: number) =>
  z
    .string()
    .max(max, `Use at most ${max} characters`)
    .refine((s) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(s), 'Contains control characters');

export const requiredText = (max: number) =>
  text(max)
    .transform((s) => s.trim())
    .pipe(z.string().min(1, 'Required'));

export const uuid = z.string().uuid('Must be a UUID');

export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100000).default(1).describe('Page number, from 1'),
  perPage: z.coerce.number().int().min(1).max(200).default(25).describe('Items per page, at most 200'),
});

export function paged<T extends z.ZodTypeAny>(item: T) {
  return z.object({
    items: z.array(item),
    page: z.number().int(),
    perPage: z.number().int(),
    total: z.number().int().describe('Items across all pages'),
  });
}
