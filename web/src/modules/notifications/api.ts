/** Typed calls to /api/v1/notifications; the types come from the server's contracts. */
import type { z } from 'zod';
import { api, qs } from '../../core/api';
import type { Notification, NotificationKind, NotificationListSchema, NotificationSettings } from '../../../../src/modules/notifications/notifications.schema';

export type { Notification, NotificationKind, NotificationSettings };
export type NotificationList = z.infer<typeof NotificationListSchema>;

export const notificationsApi = {
  list: (f: { unread?: boolean; limit?: number }) => api.get<NotificationList>(`/notifications${qs({ unread: f.unread ? 'true' : undefined, limit: f.limit })}`),
  unreadCount: () => api.get<{ unread: number }>('/notifications/unread-count'),
  markRead: (id: string) => api.post<Notification>(`/notifications/${id}/read`, {}),
  markAllRead: (before?: string) => api.post<{ marked: number; unread: number }>('/notifications/read-all', before ? { before } : {}),
  settings: () => api.get<NotificationSettings>('/notifications/settings'),
  saveSettings: (emailEnabled: boolean) => api.put<NotificationSettings>('/notifications/settings', { emailEnabled }),
};
