import { api } from '../../../core/api';
import { collaborativesKeys } from '../hooks';

export interface CalendarLink {
  id: string;
  collaborativeId: string;
  userId: string;
  userName: string;
  createdAt: string;
  actions: { 'calendar.link.revoke': boolean };
}

export interface CalendarLinks {
  items: CalendarLink[];
  actions: { 'calendar.link.create': boolean; 'calendar.link.list_all': boolean };
}

export const calendarKeys = {
  links: (collaborativeId: string) => collaborativesKeys.calendarLinks(collaborativeId),
};

export const calendarApi = {
  links: (collaborativeId: string) => api.get<CalendarLinks>(`/collaboratives/${collaborativeId}/calendar-links`),
  create: (collaborativeId: string) => api.post<{ id: string; url: string }>(`/collaboratives/${collaborativeId}/calendar-links`),
  revoke: (collaborativeId: string, linkId: string) => api.del<{ ok: true }>(`/collaboratives/${collaborativeId}/calendar-links/${linkId}`),
};
