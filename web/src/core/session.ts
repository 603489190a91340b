import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, fetchSession, setCsrfToken, type Session, type SessionUser } from './api';

export const sessionKey = ['session'] as const;

export function useSession() {
  return useQuery({ queryKey: sessionKey, queryFn: fetchSession, staleTime: Infinity, retry: 1 });
}

export function useUser(): SessionUser | null {
  return useSession().data?.user ?? null;
}

export function useMeta() {
  return useQuery({
    queryKey: ['meta'],
    queryFn: () => api.get<{ version: string; demo: boolean; database: string; map?: { tileUrl: string | null; tileAttribution: string | null } }>('/meta'),
    staleTime: Infinity,
  });
}

export function useSignIn() {
  const client = useQueryClient();
  return async (email: string, password: string) => {
    const session = await api.post<Session>('/auth/login', { email, password });
    setCsrfToken(session.csrfToken);
    client.setQueryData(sessionKey, session);
    return session;
  };
}

export function useSignOut() {
  const client = useQueryClient();
  return async () => {
    try {
      await api.post('/auth/logout');
    } finally {
      setCsrfToken(null);
      client.clear();
      client.setQueryData(sessionKey, { user: null, csrfToken: null });
    }
  };
}

export const isPlatformAdmin = (u: SessionUser | null) => !!u?.roles.some((r) => r.role === 'platform_admin');
export const isOrgAdmin = (u: SessionUser | null) => !!u?.roles.some((r) => r.role === 'org_admin');
/** Who sees the admin pages (users, audit log): platform admins and organization admins. */
export const canAdminister = (u: SessionUser | null) => isPlatformAdmin(u) || isOrgAdmin(u);
