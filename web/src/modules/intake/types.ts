/** The intake types the pages use: all inferred from the server's contracts (see api.ts). */
export type {
  Assessment, Bilingual, Bundle, BundleList, Client, ClientSummary, Consent, Dashboard, Domain, Feed, Instrument, InstrumentRule, InstrumentStatus,
  Match, MatchBundle, PartnerView, Plan, Referral, ReferralEvent, ReferralStatus, Urgency, Worklist,
} from './api';
