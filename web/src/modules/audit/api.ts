/** Typed calls for the audit log and the privacy officer's page; the types come from the server's contracts. */
import type { z } from 'zod';
import { api, qs } from '../../core/api';
import type { AuditPageSchema } from '../../../../src/core/audit/audit.schema';
import type { WorklistSchema } from '../../../../src/modules/intake/intake.schema';

export type AuditPage = z.infer<typeof AuditPageSchema>;
export type AuditEvent = AuditPage['items'][number];
/** An access alert of the intake worklist (break-glass and others). */
export type Alert = z.infer<typeof WorklistSchema>['alerts'][number];

/** The log's filters as the server reads them (AuditQuery); dates are ISO date-times. */
export interface AuditFilter {
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: string;
  to?: string;
  before?: number;
  limit?: number;
}

export const auditApi = {
  events: (f: AuditFilter) => api.get<AuditPage>(`/audit-events${qs({ ...f })}`),
  alerts: () => api.get<Pick<z.infer<typeof WorklistSchema>, 'alerts'>>('/intake/worklist'),
  acknowledge: (alertId: string) => api.post(`/intake/alerts/${alertId}/acknowledge`),
};
