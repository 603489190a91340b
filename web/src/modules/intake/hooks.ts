/** Query hooks of the No Wrong Door pages; every query key comes from intakeKeys. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { intakeApi, type ReferralFilter, type TransitionInput, type UpdateInstrumentInput } from './api';

export const intakeKeys = {
  all: ['intake'] as const,
  worklist: () => [...intakeKeys.all, 'worklist'] as const,
  clients: (q?: string) => [...intakeKeys.all, 'clients', q ?? ''] as const,
  client: (id: string) => [...intakeKeys.all, 'client', id] as const,
  consents: (clientId: string) => [...intakeKeys.client(clientId), 'consents'] as const,
  accessReport: (clientId: string) => [...intakeKeys.client(clientId), 'access-report'] as const,
  duplicates: (clientId: string) => [...intakeKeys.client(clientId), 'duplicates'] as const,
  assessments: (clientId: string) => [...intakeKeys.client(clientId), 'assessments'] as const,
  matches: (clientId: string) => [...intakeKeys.client(clientId), 'matches'] as const,
  plan: (clientId: string) => [...intakeKeys.client(clientId), 'plan'] as const,
  referrals: (f: ReferralFilter) => [...intakeKeys.all, 'referrals', f] as const,
  referral: (id: string) => [...intakeKeys.all, 'referral', id] as const,
  contacts: (organizationId: string) => [...intakeKeys.all, 'contacts', organizationId] as const,
  partnerView: (token: string) => [...intakeKeys.all, 'partner-link', token] as const,
  instruments: () => [...intakeKeys.all, 'instruments'] as const,
  instrument: (id: string) => [...intakeKeys.all, 'instrument', id] as const,
  bundles: () => [...intakeKeys.all, 'bundles'] as const,
  dashboard: () => [...intakeKeys.all, 'dashboard'] as const,
  feed: () => [...intakeKeys.all, 'feed'] as const,
  settings: (organizationId: string) => [...intakeKeys.all, 'settings', organizationId] as const,
  selfReferral: (id: string) => [...intakeKeys.all, 'self-referral', id] as const,
  fhirTerminology: () => [...intakeKeys.all, 'fhir-terminology'] as const,
  // Other modules' lists the intake pages show names from.
  organizations: () => [...intakeKeys.all, 'organizations'] as const,
  collaboratives: () => [...intakeKeys.all, 'collaboratives'] as const,
  municipalities: () => [...intakeKeys.all, 'municipalities'] as const,
  finderService: (id: string, lang: string) => [...intakeKeys.all, 'finder-service', id, lang] as const,
  finderSearch: (q: string, lang: string) => [...intakeKeys.all, 'finder-search', q, lang] as const,
};

const lang = (l: string): 'en' | 'fr' => (l === 'fr' ? 'fr' : 'en');

export const useWorklist = () => useQuery({ queryKey: intakeKeys.worklist(), queryFn: intakeApi.worklist });
export const useClients = (q: string, enabled = true) => useQuery({ queryKey: intakeKeys.clients(q), queryFn: () => intakeApi.clients(q), enabled });
export const useClient = (id: string) => useQuery({ queryKey: intakeKeys.client(id), queryFn: () => intakeApi.client(id), retry: false });
export const useConsents = (clientId: string) => useQuery({ queryKey: intakeKeys.consents(clientId), queryFn: () => intakeApi.consents(clientId) });
export const useAccessReport = (clientId: string, enabled: boolean) => useQuery({ queryKey: intakeKeys.accessReport(clientId), queryFn: () => intakeApi.accessReport(clientId), enabled });
export const useDuplicates = (clientId: string) => useQuery({ queryKey: intakeKeys.duplicates(clientId), queryFn: () => intakeApi.duplicates(clientId) });
export const useAssessments = (clientId: string) => useQuery({ queryKey: intakeKeys.assessments(clientId), queryFn: () => intakeApi.assessments(clientId) });
export const useMatches = (clientId: string) => useQuery({ queryKey: intakeKeys.matches(clientId), queryFn: () => intakeApi.matches(clientId) });
export const usePlan = (clientId: string) => useQuery({ queryKey: intakeKeys.plan(clientId), queryFn: () => intakeApi.plan(clientId) });
export const useReferrals = (f: ReferralFilter) => useQuery({ queryKey: intakeKeys.referrals(f), queryFn: () => intakeApi.referrals(f) });
/** Live: the event stream refreshes the referral when the other side moves it; the 15 s refetch is the fallback. */
export const useReferral = (id: string) => useQuery({ queryKey: intakeKeys.referral(id), queryFn: () => intakeApi.referral(id), refetchInterval: 15_000 });
export const useContacts = (organizationId: string) => useQuery({ queryKey: intakeKeys.contacts(organizationId), queryFn: () => intakeApi.contacts(organizationId) });
export const usePartnerView = (token: string) => useQuery({ queryKey: intakeKeys.partnerView(token), queryFn: () => intakeApi.partnerView(token), retry: false });
export const useInstruments = () => useQuery({ queryKey: intakeKeys.instruments(), queryFn: intakeApi.instruments });
export const useInstrument = (id: string) => useQuery({ queryKey: intakeKeys.instrument(id), queryFn: () => intakeApi.instrument(id) });
export const useBundles = () => useQuery({ queryKey: intakeKeys.bundles(), queryFn: intakeApi.bundles });
export const useDashboard = () => useQuery({ queryKey: intakeKeys.dashboard(), queryFn: intakeApi.dashboard, retry: false });
export const useFeed = () => useQuery({ queryKey: intakeKeys.feed(), queryFn: intakeApi.feed });
export const useSettings = (organizationId: string, enabled = true) => useQuery({ queryKey: intakeKeys.settings(organizationId), queryFn: () => intakeApi.settings(organizationId), enabled });
export const useSelfReferral = (id: string | undefined) => useQuery({ queryKey: intakeKeys.selfReferral(id ?? ''), queryFn: () => intakeApi.selfReferral(id!), enabled: !!id });
export const useFhirTerminology = <T,>() => useQuery({ queryKey: intakeKeys.fhirTerminology(), queryFn: () => intakeApi.fhirTerminology<T>() });
export const useOrganizationNames = () => useQuery({ queryKey: intakeKeys.organizations(), queryFn: intakeApi.organizations, staleTime: 60_000 });
export const useCollaborativeNames = () => useQuery({ queryKey: intakeKeys.collaboratives(), queryFn: intakeApi.collaboratives, staleTime: 60_000 });
/** The municipalities a client can live in (intake and record editing share the cached list). */
export const useMunicipalities = () => useQuery({ queryKey: intakeKeys.municipalities(), queryFn: intakeApi.municipalities, staleTime: 60_000 });
export const useFinderService = (id: string, language: string) => useQuery({ queryKey: intakeKeys.finderService(id, lang(language)), queryFn: () => intakeApi.finderService(id, lang(language)), enabled: !!id, retry: false });
export const useFinderSearch = (q: string | undefined, language: string) =>
  useQuery({ queryKey: intakeKeys.finderSearch(q ?? '', lang(language)), queryFn: () => intakeApi.finderSearch(q ?? '', lang(language)), enabled: !!q });

/** A write whose success makes every intake query stale (lists, worklist, the client, the referral). */
export function useIntakeMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: intakeKeys.all }) });
}

/** Moves a referral along its lifecycle; the referral, lists and worklist are read again. */
export function useTransition(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TransitionInput) => intakeApi.transition(id, body),
    onSuccess: async (referral) => {
      // Show the new state at once; a refetch already in flight (say, from a live event) would bring the old one back.
      await qc.cancelQueries({ queryKey: intakeKeys.referral(id) });
      qc.setQueryData(intakeKeys.referral(id), referral);
      await qc.invalidateQueries({ queryKey: intakeKeys.all, predicate: (q) => q.queryKey[1] !== 'referral' || q.queryKey[2] !== id });
    },
  });
}

/**
 * Saves or publishes an instrument draft: the editor's copy is replaced by the answer, and only
 * the list is read again (refetching the instrument would race the editor's own state).
 */
export function useInstrumentWrite(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { publish: true } | { publish?: false; body: UpdateInstrumentInput }) => (v.publish ? intakeApi.publishInstrument(id) : intakeApi.updateInstrument(id, v.body)),
    onSuccess: async (saved) => {
      qc.setQueryData(intakeKeys.instrument(id), saved);
      await qc.invalidateQueries({ queryKey: intakeKeys.instruments(), exact: true });
    },
  });
}
