/** Response shapes of /api/v1/collaboratives: the server's contracts, re-exported from api.ts (no hand-written copies). */
export type { Access, ActionItem, AgendaItem, Body, Collab, Decision, Doc, DocVersion, Engagement, Funding, FundingSource, Home, Meeting, MeetingSummary, Member, Representation, StageChange } from './api';
