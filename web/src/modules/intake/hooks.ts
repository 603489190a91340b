/** Query hooks of the No Wrong Door pages; every query key comes from intakeKeys. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { intakeApi, type ReferralFilter, type TransitionInput } from './api';

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
};

export const useWorklist = () => useQuery({ queryKey: intakeKeys.worklist(), queryFn: intakeApi.worklist });
export const useClients = (q: string, enabled = true) => useQuery({ queryKey: intakeKeys.clients(q), queryFn: () => intakeApi.clients(q), enabled });
export const useClient = (id: string) => useQuery({ queryKey: intakeKeys.client(id), queryFn: () => intakeApi.client(id) });
export const useConsents = (clientId: string) => useQuery({ queryKey: intakeKeys.consents(clientId), queryFn: () => intakeApi.consents(clientId) });
export const useAssessments = (clientId: string) => useQuery({ queryKey: intakeKeys.assessments(clientId), queryFn: () => intakeApi.assessments(clientId) });
export const useMatches = (clientId: string) => useQuery({ queryKey: intakeKeys.matches(clientId), queryFn: () => intakeApi.matches(clientId) });
export const usePlan = (clientId: string) => useQuery({ queryKey: intakeKeys.plan(clientId), queryFn: () => intakeApi.plan(clientId) });
export const useReferrals = (f: ReferralFilter) => useQuery({ queryKey: intakeKeys.referrals(f), queryFn: () => intakeApi.referrals(f) });
export const useReferral = (id: string) => useQuery({ queryKey: intakeKeys.referral(id), queryFn: () => intakeApi.referral(id) });
export const useInstruments = () => useQuery({ queryKey: intakeKeys.instruments(), queryFn: intakeApi.instruments });
export const useBundles = () => useQuery({ queryKey: intakeKeys.bundles(), queryFn: intakeApi.bundles });
export const useDashboard = () => useQuery({ queryKey: intakeKeys.dashboard(), queryFn: intakeApi.dashboard });
export const useFeed = () => useQuery({ queryKey: intakeKeys.feed(), queryFn: intakeApi.feed });
export const useSettings = (organizationId: string) => useQuery({ queryKey: intakeKeys.settings(organizationId), queryFn: () => intakeApi.settings(organizationId) });

/** Moves a referral along its lifecycle; the referral, lists and worklist are read again. */
export function useTransition(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TransitionInput) => intakeApi.transition(id, body),
    onSuccess: (referral) => {
      qc.setQueryData(intakeKeys.referral(id), referral);
      return qc.invalidateQueries({ queryKey: intakeKeys.all });
    },
  });
}
