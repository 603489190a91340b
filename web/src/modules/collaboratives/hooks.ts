/** Query hooks of the collaboratives pages; every key comes from collaborativesKeys. */
import { useQuery } from '@tanstack/react-query';
import { collaborativesApi } from './api';

/**
 * The module's query keys. Keys nest, so invalidating `one(id)` refreshes everything of that
 * collaborative and `all` everything of the module.
 */
export const collaborativesKeys = {
  all: ['collaboratives'] as const,
  list: () => [...collaborativesKeys.all, 'list'] as const,
  myTasks: () => [...collaborativesKeys.all, 'my-tasks'] as const,
  publicView: (id: string) => [...collaborativesKeys.all, 'public', id] as const,
  organizationOptions: () => [...collaborativesKeys.all, 'options', 'organizations'] as const,
  geographyOptions: () => [...collaborativesKeys.all, 'options', 'geographies'] as const,
  one: (id: string) => [...collaborativesKeys.all, id] as const,
  home: (id: string) => [...collaborativesKeys.one(id), 'home'] as const,
  members: (id: string) => [...collaborativesKeys.one(id), 'members'] as const,
  representation: (id: string) => [...collaborativesKeys.one(id), 'representation'] as const,
  bodies: (id: string) => [...collaborativesKeys.one(id), 'bodies'] as const,
  agreement: (id: string) => [...collaborativesKeys.one(id), 'agreement'] as const,
  meetings: (id: string) => [...collaborativesKeys.one(id), 'meetings'] as const,
  meeting: (id: string, meetingId: string) => [...collaborativesKeys.one(id), 'meeting', meetingId] as const,
  decisions: (id: string) => [...collaborativesKeys.one(id), 'decisions'] as const,
  documents: (id: string) => [...collaborativesKeys.one(id), 'documents'] as const,
  funding: (id: string) => [...collaborativesKeys.one(id), 'funding'] as const,
  engagements: (id: string) => [...collaborativesKeys.one(id), 'engagements'] as const,
  calendarLinks: (id: string) => [...collaborativesKeys.one(id), 'calendar-links'] as const,
};

export const useCollaboratives = () => useQuery({ queryKey: collaborativesKeys.list(), queryFn: collaborativesApi.list });
export const useCollaborative = (id: string, enabled = true) => useQuery({ queryKey: collaborativesKeys.one(id), queryFn: () => collaborativesApi.one(id), enabled });
export const useMyTasks = () => useQuery({ queryKey: collaborativesKeys.myTasks(), queryFn: collaborativesApi.myTasks });
export const usePublicCollaborative = (id: string) => useQuery({ queryKey: collaborativesKeys.publicView(id), queryFn: () => collaborativesApi.publicView(id) });
export const useHome = (id: string) => useQuery({ queryKey: collaborativesKeys.home(id), queryFn: () => collaborativesApi.home(id) });
export const useMembers = (id: string) => useQuery({ queryKey: collaborativesKeys.members(id), queryFn: () => collaborativesApi.members(id) });
export const useRepresentation = (id: string) => useQuery({ queryKey: collaborativesKeys.representation(id), queryFn: () => collaborativesApi.representation(id) });
export const useBodies = (id: string) => useQuery({ queryKey: collaborativesKeys.bodies(id), queryFn: () => collaborativesApi.bodies(id) });
export const useAgreement = (id: string) => useQuery({ queryKey: collaborativesKeys.agreement(id), queryFn: () => collaborativesApi.agreement(id) });
export const useMeetings = (id: string) => useQuery({ queryKey: collaborativesKeys.meetings(id), queryFn: () => collaborativesApi.meetings(id) });
export const useMeeting = (id: string, meetingId: string) => useQuery({ queryKey: collaborativesKeys.meeting(id, meetingId), queryFn: () => collaborativesApi.meeting(id, meetingId) });
export const useDecisions = (id: string, enabled = true) => useQuery({ queryKey: collaborativesKeys.decisions(id), queryFn: () => collaborativesApi.decisions(id), enabled });
export const useDocuments = (id: string) => useQuery({ queryKey: collaborativesKeys.documents(id), queryFn: () => collaborativesApi.documents(id) });
export const useFunding = (id: string) => useQuery({ queryKey: collaborativesKeys.funding(id), queryFn: () => collaborativesApi.funding(id) });
export const useEngagements = (id: string) => useQuery({ queryKey: collaborativesKeys.engagements(id), queryFn: () => collaborativesApi.engagements(id) });
export const useOrganizationOptions = () => useQuery({ queryKey: collaborativesKeys.organizationOptions(), queryFn: collaborativesApi.organizationOptions });
export const useGeographyOptions = () => useQuery({ queryKey: collaborativesKeys.geographyOptions(), queryFn: collaborativesApi.geographyOptions });
