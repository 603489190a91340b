/** Query hooks of the assessments pages; every key comes from assessmentsKeys. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { assessmentsApi, type AnswerInput, type InstrumentInput, type ProfileInput, type SurveyInput, type SurveyLanguageInput } from './api';

export const assessmentsKeys = {
  all: ['assessments'] as const,
  scales: () => [...assessmentsKeys.all, 'scales'] as const,
  instruments: () => [...assessmentsKeys.all, 'instruments'] as const,
  rounds: (collaborativeId?: string) => [...assessmentsKeys.all, 'rounds', collaborativeId ?? 'all'] as const,
  round: (id: string) => [...assessmentsKeys.all, 'round', id] as const,
  myAnswers: (id: string) => [...assessmentsKeys.all, 'my-answers', id] as const,
  byToken: (token: string) => [...assessmentsKeys.all, 'token', token] as const,
  results: (id: string) => [...assessmentsKeys.all, 'results', id] as const,
  trends: (collaborativeId: string, key: string) => [...assessmentsKeys.all, 'trends', collaborativeId, key] as const,
  collaboratives: () => [...assessmentsKeys.all, 'collaboratives'] as const,
  publicSurvey: (id: string, lang: string) => [...assessmentsKeys.all, 'public-survey', id, lang] as const,
  surveys: (c: string) => [...assessmentsKeys.all, 'surveys', c] as const,
  surveyResults: (id: string) => [...assessmentsKeys.all, 'survey-results', id] as const,
  survey: (id: string) => [...assessmentsKeys.all, 'survey', id] as const,
  collaborative: (id: string) => [...assessmentsKeys.all, 'collaborative', id] as const,
  scan: (c: string, g: string) => [...assessmentsKeys.all, 'scan', c, g] as const,
  profiles: (c: string) => [...assessmentsKeys.all, 'profiles', c] as const,
  profile: (id: string, publicLink: boolean) => [...assessmentsKeys.all, 'profile', id, publicLink] as const,
};

export const useScales = () => useQuery({ queryKey: assessmentsKeys.scales(), queryFn: assessmentsApi.scales, staleTime: 5 * 60_000 });
export const useInstruments = () => useQuery({ queryKey: assessmentsKeys.instruments(), queryFn: assessmentsApi.instruments, staleTime: 60_000 });
export const useRounds = (collaborativeId?: string) => useQuery({ queryKey: assessmentsKeys.rounds(collaborativeId), queryFn: () => assessmentsApi.rounds(collaborativeId) });
export const useRound = (id: string) => useQuery({ queryKey: assessmentsKeys.round(id), queryFn: () => assessmentsApi.round(id) });
export const useMyAnswers = (id: string) => useQuery({ queryKey: assessmentsKeys.myAnswers(id), queryFn: () => assessmentsApi.myAnswers(id) });
export const useByToken = (token: string) => useQuery({ queryKey: assessmentsKeys.byToken(token), queryFn: () => assessmentsApi.byToken(token), retry: false });
export const useResults = (id: string) => useQuery({ queryKey: assessmentsKeys.results(id), queryFn: () => assessmentsApi.results(id) });
export const useTrends = (collaborativeId: string | undefined, key: string | undefined) =>
  useQuery({ queryKey: assessmentsKeys.trends(collaborativeId ?? '', key ?? ''), queryFn: () => assessmentsApi.trends(collaborativeId!, key!), enabled: !!collaborativeId && !!key });
export const useCollaborativeOptions = () => useQuery({ queryKey: assessmentsKeys.collaboratives(), queryFn: assessmentsApi.collaboratives, staleTime: 60_000 });

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: assessmentsKeys.all });
}

export function useOpenRound() {
  const done = useInvalidate();
  return useMutation({ mutationFn: assessmentsApi.openRound, onSuccess: done });
}
export function useRoundAction(kind: 'links' | 'remind' | 'close') {
  const done = useInvalidate();
  return useMutation({ mutationFn: (id: string) => (kind === 'links' ? assessmentsApi.links(id) : kind === 'remind' ? assessmentsApi.remind(id) : assessmentsApi.close(id)) as Promise<unknown>, onSuccess: done });
}
export function useSaveAnswers(target: { roundId?: string; token?: string }) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { answers: AnswerInput[]; submit: boolean }) =>
      target.token ? assessmentsApi.saveByToken(target.token, v.answers, v.submit) : assessmentsApi.saveMyAnswers(target.roundId!, v.answers, v.submit),
    onSuccess: (q) => {
      qc.setQueryData(target.token ? assessmentsKeys.byToken(target.token) : assessmentsKeys.myAnswers(target.roundId!), q);
      if (!target.token) void qc.invalidateQueries({ queryKey: assessmentsKeys.rounds() });
    },
  });
}
export function useFollowUp(roundId: string) {
  return useMutation({ mutationFn: (body: { kind: 'meeting_agenda' | 'strategy_action'; targetId: string; finding: string }) => assessmentsApi.followUp(roundId, body) });
}

export const useCollaborative = (id: string | undefined) => useQuery({ queryKey: assessmentsKeys.collaborative(id ?? ''), queryFn: () => assessmentsApi.collaborative(id!), enabled: !!id });
export const useScan = (c: string | undefined, g: string | null | undefined) => useQuery({ queryKey: assessmentsKeys.scan(c ?? '', g ?? ''), queryFn: () => assessmentsApi.scan(c!, g!), enabled: !!c && !!g });
export const useProfiles = (c: string | undefined) => useQuery({ queryKey: assessmentsKeys.profiles(c ?? ''), queryFn: () => assessmentsApi.profiles(c!), enabled: !!c });
export const useProfile = (id: string, publicLink: boolean) => useQuery({ queryKey: assessmentsKeys.profile(id, publicLink), queryFn: () => assessmentsApi.profile(id, publicLink) });
export function useCreateProfile() {
  const done = useInvalidate();
  return useMutation({ mutationFn: (body: ProfileInput) => assessmentsApi.createProfile(body), onSuccess: done });
}
export function useShareProfile() {
  const done = useInvalidate();
  return useMutation({ mutationFn: (v: { id: string; isPublic: boolean }) => assessmentsApi.shareProfile(v.id, v.isPublic), onSuccess: done });
}
export const usePublicSurvey = (id: string, lang: string) => useQuery({ queryKey: assessmentsKeys.publicSurvey(id, lang), queryFn: () => assessmentsApi.publicSurvey(id, lang) });
export const useAnswerSurvey = (id: string) => useMutation({ mutationFn: (body: Parameters<typeof assessmentsApi.answerSurvey>[1]) => assessmentsApi.answerSurvey(id, body) });
export const useSurveys = (c: string | undefined) => useQuery({ queryKey: assessmentsKeys.surveys(c ?? ''), queryFn: () => assessmentsApi.surveys(c!), enabled: !!c });
export const useSurveyResults = (id: string | undefined) => useQuery({ queryKey: assessmentsKeys.surveyResults(id ?? ''), queryFn: () => assessmentsApi.surveyResults(id!), enabled: !!id });
export const useSurvey = (id: string) => useQuery({ queryKey: assessmentsKeys.survey(id), queryFn: () => assessmentsApi.survey(id) });
export function useCreateSurvey() {
  const done = useInvalidate();
  return useMutation({ mutationFn: (body: SurveyInput) => assessmentsApi.createSurvey(body), onSuccess: done });
}
export function useSurveyLanguage(id: string) {
  const done = useInvalidate();
  return useMutation({ mutationFn: (body: SurveyLanguageInput) => assessmentsApi.surveyLanguage(id, body), onSuccess: done });
}
export function useSurveyStatus(id: string) {
  const done = useInvalidate();
  return useMutation({ mutationFn: (to: 'open' | 'close') => assessmentsApi.surveyStatus(id, to), onSuccess: done });
}
export function useCreateInstrument() {
  const done = useInvalidate();
  return useMutation({ mutationFn: (body: InstrumentInput) => assessmentsApi.createInstrument(body), onSuccess: done });
}
export function useLinkAction() {
  const done = useInvalidate();
  return useMutation({ mutationFn: assessmentsApi.linkAction, onSuccess: done });
}
