/** Query hooks of the notification centre; every key comes from notificationKeys. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { notificationsApi } from './api';

export const notificationKeys = {
  all: ['notifications'] as const,
  list: (f: { unread?: boolean }) => [...notificationKeys.all, 'list', f] as const,
  count: () => [...notificationKeys.all, 'count'] as const,
  settings: () => [...notificationKeys.all, 'settings'] as const,
};

/** How often the bell asks for the unread count (and again whenever the window regains focus). */
export const UNREAD_POLL_MS = 30_000;

export const useUnreadCount = (enabled = true) =>
  useQuery({ queryKey: notificationKeys.count(), queryFn: notificationsApi.unreadCount, enabled, refetchInterval: UNREAD_POLL_MS, refetchOnWindowFocus: true, staleTime: 5_000 });
export const useNotifications = (f: { unread?: boolean }) => useQuery({ queryKey: notificationKeys.list(f), queryFn: () => notificationsApi.list({ ...f, limit: 100 }) });
export const useNotificationSettings = () => useQuery({ queryKey: notificationKeys.settings(), queryFn: notificationsApi.settings });

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: notificationsApi.markRead, onSuccess: () => qc.invalidateQueries({ queryKey: notificationKeys.all }) });
}
export function useMarkAllRead() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (before?: string) => notificationsApi.markAllRead(before), onSuccess: () => qc.invalidateQueries({ queryKey: notificationKeys.all }) });
}
export function useSaveSettings() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: notificationsApi.saveSettings, onSuccess: (s) => qc.setQueryData(notificationKeys.settings(), s) });
}
