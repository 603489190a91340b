import { z } from 'zod';
import { pageQuery, paged, requiredText, roleNames, text, uuid } from '../../shared/contracts';
import { PASSWORD_MAX, PASSWORD_MIN } from './password-rules';

export const LoginBody = z.object({
  email: requiredText(320).describe('Account email'),
  password: z.string().min(1, 'Required').max(PASSWORD_MAX).describe('Account password'),
});

export const RoleGrantSchema = z
  .object({
    role: z.enum(roleNames).describe('platform_admin, org_admin, staff, privacy_officer, coordinator, member or viewer'),
    scopeType: z.enum(['platform', 'organization', 'collaborative']).describe('What the role applies to'),
    scopeId: uuid.nullable().describe('The organization or collaborative; null for platform roles'),
  })
  .superRefine((g, ctx) => {
    const need = g.role === 'platform_admin' ? 'platform' : g.role === 'org_admin' || g.role === 'staff' || g.role === 'privacy_officer' ? 'organization' : g.role === 'viewer' ? null : 'collaborative';
    if (need && g.scopeType !== need) ctx.addIssue({ code: 'custom', path: ['scopeType'], message: `${g.role} is scoped to ${need}` });
    if (g.role === 'viewer' && g.scopeType === 'platform') ctx.addIssue({ code: 'custom', path: ['scopeType'], message: 'viewer is scoped to an organization or collaborative' });
    if ((g.scopeType === 'platform') !== (g.scopeId === null)) ctx.addIssue({ code: 'custom', path: ['scopeId'], message: g.scopeType === 'platform' ? 'Must be null for platform roles' : 'Required' });
  });

export const SessionUserSchema = z.object({
  id: z.string().uuid(),
  email: z.string(),
  name: z.string(),
  organizationId: z.string().uuid().nullable(),
  isDemo: z.boolean().describe('Demo accounts have published passwords'),
  roles: z.array(z.object({ role: z.string(), scopeType: z.string(), scopeId: z.string().nullable() })),
});

export const SessionSchema = z.object({
  user: SessionUserSchema.nullable(),
  csrfToken: z.string().nullable().describe('Send as the x-csrf-token header on POST, PUT, PATCH and DELETE'),
});

export const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1, 'Required').max(PASSWORD_MAX),
  newPassword: z.string().max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters`),
});

export const CreateUserBody = z
  .object({
    email: requiredText(320).pipe(z.string().email('Not a valid email address')),
    name: requiredText(200),
    password: z.string().max(PASSWORD_MAX).describe(`At least ${PASSWORD_MIN} characters`),
    organizationId: uuid.nullish().describe('Home organization'),
    preferredLanguage: z.enum(['en', 'fr']).default('en'),
    roles: z.array(RoleGrantSchema).max(50).default([]),
  })
  .strict();

export const UserSchema = z.object({
  id: z.string().uuid(),
  email: z.string(),
  name: z.string(),
  organizationId: z.string().uuid().nullable(),
  preferredLanguage: z.string(),
  isActive: z.boolean(),
  isDemo: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  roles: z.array(z.object({ role: z.string(), scopeType: z.string(), scopeId: z.string().nullable() })),
});

export const UserListQuery = pageQuery.extend({ q: text(200).optional(), organizationId: uuid.optional() });
export const UserListSchema = paged(UserSchema);
export const SetRolesBody = z.object({ roles: z.array(RoleGrantSchema).max(50) });
/** The roles as stored (answers are not re-checked against the request's rules). */
export const RolesSchema = z.object({ roles: z.array(z.object({ role: z.string(), scopeType: z.string(), scopeId: z.string().nullable() })) });
export const UserIdParams = z.object({ id: uuid });
