/** Query hooks of the audit log and the privacy page; every key comes from auditKeys. */
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { auditApi, type AuditFilter } from './api';

export const auditKeys = {
  all: ['audit'] as const,
  events: (filters: Record<string, string>) => [...auditKeys.all, filters] as const,
  privacy: ['privacy'] as const,
  alerts: () => [...auditKeys.privacy, 'alerts'] as const,
};

/** The log, newest first, a page at a time; `filters` is the key, `toQuery` turns it into the server's filter. */
export function useAuditEvents(filters: Record<string, string>, toQuery: (before: number | undefined) => AuditFilter) {
  return useInfiniteQuery({
    queryKey: auditKeys.events(filters),
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) => auditApi.events(toQuery(pageParam)),
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
}

export const useAlerts = () => useQuery({ queryKey: auditKeys.alerts(), queryFn: auditApi.alerts });
