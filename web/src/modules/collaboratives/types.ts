/** Response shapes of /api/v1/collaboratives: the server's contracts, re-exported from api.ts (no hand-written copies). */
export type { ActionItem, AgendaItem, Body, Collab, CollabActions, Decision, Doc, DocVersion, Engagement, Funding, FundingSource, Home, Meeting, MeetingSummary, Member, Representation, StageChange } from './api';
