import { z } from 'zod';
import { uuid } from '../../shared/contracts';

/** What an API client may do on /fhir. */
export const apiScopes = ['fhir.read', 'fhir.task.write'] as const;
export type ApiScope = (typeof apiScopes)[number];

export const ApiClientListQuery = z.object({
  organizationId: uuid.describe('The organization whose API clients to list'),
});

export const CreateApiClientBody = z.object({
  organizationId: uuid.describe('The organization the client acts for on /fhir'),
  name: z.string().trim().min(1).max(200).describe('What the calling system is, in your words (shown in the list and the audit log)'),
  scopes: z
    .array(z.enum(apiScopes))
    .min(1)
    .describe('fhir.read: read Tasks and ServiceRequests; fhir.task.write: update a Task’s status'),
});
export type CreateApiClientInput = z.infer<typeof CreateApiClientBody>;

export const ApiClientIdParams = z.object({ id: uuid.describe('The API client') });

// Response schemas hold no transforms: responses are encoded, and a transform cannot run backwards.
export const ApiClientSchema = z.object({
  id: uuid.describe('The API client; also the first part of its token'),
  organizationId: uuid.describe('The organization the client acts for'),
  name: z.string().describe('What the calling system is'),
  scopes: z.array(z.string()).describe('What the client may do on /fhir'),
  createdAt: z.string().describe('When the client was created (ISO 8601)'),
  lastUsedAt: z.string().nullable().describe('When its token last authenticated a /fhir call; null if never'),
  revokedAt: z.string().nullable().describe('When it was revoked; null while its token works'),
  actions: z
    .object({ 'api_clients.revoke': z.boolean().describe('May revoke it now') })
    .describe('What the signed-in user may do with this client'),
});
export type ApiClient = z.infer<typeof ApiClientSchema>;

export const ApiClientListSchema = z.object({ items: z.array(ApiClientSchema).describe('Newest first') });

export const CreatedApiClientSchema = ApiClientSchema.extend({
  token: z.string().describe('Send as Authorization: Bearer <token>. Shown once.'),
});
export type CreatedApiClient = z.infer<typeof CreatedApiClientSchema>;
