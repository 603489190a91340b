/** Typed calls to /api/v1/assessments; the types come from the server's contracts. */
import type { z } from 'zod';
import { api, qs } from '../../core/api';
import type { Instrument, InstrumentInput, PlanAction, Profile, Questionnaire, Results, Round, Scale, Scan, TrendsSchema, FollowUpSchema, PublicSurveySchema, Survey, SurveyLanguageInput, SurveyResults } from '../../../../src/modules/assessments/assessments.schema';

export type { Instrument, InstrumentInput, PlanAction, Profile, Questionnaire, Results, Round, Scale, Scan, SurveyLanguageInput };
export interface SurveyInput {
  collaborativeId: string;
  profileId?: string;
  title: string;
  titleFr: string;
  characteristics?: string[];
  languages?: SurveyLanguageInput[];
}
export type CharacteristicName = { key: string; en: string; fr: string };
export interface ProfileInput {
  collaborativeId: string;
  geographyId: string;
  title: string;
  priorities: string[];
  choices: { characteristic: string; indicatorIds: string[]; comparisons: ('over_time' | 'peers' | 'immigrants')[] }[];
  peerIds: string[];
}
export type Trends = z.infer<typeof TrendsSchema>;
export type PublicSurvey = z.infer<typeof PublicSurveySchema>;
export type { Survey, SurveyResults };
export type FollowUp = z.infer<typeof FollowUpSchema>;
export interface AnswerInput {
  targetId?: string | null;
  theme?: string;
  item: string;
  value: number;
}

export const assessmentsApi = {
  scales: () => api.get<{ items: Scale[] }>('/assessments/scales'),
  instruments: () => api.get<{ items: Instrument[]; actions: Record<string, boolean> }>('/assessments/instruments'),
  rounds: (collaborativeId?: string) => api.get<{ items: Round[]; actions: Record<string, boolean> }>(`/assessments/rounds${qs({ collaborativeId })}`),
  round: (id: string) => api.get<Round>(`/assessments/rounds/${id}`),
  openRound: (body: { collaborativeId: string; instrumentId: string; title: string; closesOn: string }) => api.post<Round>('/assessments/rounds', body),
  links: (id: string) => api.post<{ items: { respondentId: string; displayName: string; token: string }[] }>(`/assessments/rounds/${id}/links`, {}),
  remind: (id: string) => api.post<{ recipients: unknown[] }>(`/assessments/rounds/${id}/reminders`),
  close: (id: string) => api.post<Round>(`/assessments/rounds/${id}/close`),
  myAnswers: (id: string) => api.get<Questionnaire>(`/assessments/rounds/${id}/my-answers`),
  saveMyAnswers: (id: string, answers: AnswerInput[], submit: boolean) => api.put<Questionnaire>(`/assessments/rounds/${id}/my-answers`, { answers, submit }),
  byToken: (token: string) => api.get<Questionnaire>(`/assessments/respond/${token}`),
  saveByToken: (token: string, answers: AnswerInput[], submit: boolean) => api.put<Questionnaire>(`/assessments/respond/${token}`, { answers, submit }),
  results: (id: string) => api.get<Results>(`/assessments/rounds/${id}/results`),
  resultsCsvUrl: (id: string, lang: string) => `/api/v1/assessments/rounds/${id}/results.csv${qs({ lang })}`,
  trends: (collaborativeId: string, instrumentKey: string) => api.get<Trends>(`/assessments/trends${qs({ collaborativeId, instrumentKey })}`),
  followUp: (id: string, body: { kind: 'meeting_agenda' | 'strategy_action'; targetId: string; finding: string }) => api.post<FollowUp>(`/assessments/rounds/${id}/follow-ups`, body),
  collaborative: (id: string) => api.get<{ id: string; name: string; catchmentGeographyId: string | null }>(`/collaboratives/${id}`),
  scan: (collaborativeId: string, geographyId: string) => api.get<Scan>(`/assessments/welcoming/scan${qs({ collaborativeId, geographyId })}`),
  profiles: (collaborativeId: string) => api.get<{ items: Profile[]; actions: Record<string, boolean> }>(`/assessments/welcoming/profiles${qs({ collaborativeId })}`),
  publicSurvey: (id: string, lang: string) => api.get<PublicSurvey>(`/assessments/public/surveys/${id}${qs({ lang })}`),
  answerSurvey: (id: string, body: { token: string; lang: string; ratings: Record<string, number>; comment?: string }) => api.post<{ received: boolean }>(`/assessments/public/surveys/${id}/responses`, body),
  surveys: (collaborativeId: string) => api.get<{ items: Survey[]; characteristics: CharacteristicName[]; actions: Record<string, boolean> }>(`/assessments/surveys${qs({ collaborativeId })}`),
  survey: (id: string) => api.get<Survey>(`/assessments/surveys/${id}`),
  createSurvey: (body: SurveyInput) => api.post<Survey>('/assessments/surveys', body),
  surveyLanguage: (id: string, body: SurveyLanguageInput) => api.put<Survey>(`/assessments/surveys/${id}/languages`, body),
  surveyStatus: (id: string, to: 'open' | 'close') => api.post<Survey>(`/assessments/surveys/${id}/${to}`),
  createInstrument: (body: InstrumentInput) => api.post<Instrument>('/assessments/instruments', body),
  linkAction: (body: { collaborativeId: string; characteristic: string; actionId: string; linked: boolean }) => api.put<{ characteristic: string; actions: PlanAction[] }>('/assessments/welcoming/action-links', body),
  surveyResults: (id: string) => api.get<SurveyResults>(`/assessments/surveys/${id}/results`),
  profile: (id: string, publicLink: boolean) => api.get<Profile>(publicLink ? `/assessments/public/welcoming/${id}` : `/assessments/welcoming/profiles/${id}`),
  createProfile: (body: ProfileInput) => api.post<Profile>('/assessments/welcoming/profiles', body),
  shareProfile: (id: string, isPublic: boolean) => api.put<Profile>(`/assessments/welcoming/profiles/${id}/public`, { isPublic }),
  collaboratives: () => api.get<{ items: { id: string; name: string }[] }>('/collaboratives'),
};
