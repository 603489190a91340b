/**
 * What other modules may use of No Wrong Door intake. They never read its tables.
 * Only the de-identified, suppressed aggregate feed leaves the module.
 */
export { aggregateFeed } from './intake.reports';
export { publishFeed } from './intake.publish';
/** Added for pathways (issue 16): referrals of a period reduced to service, organization, need, dates and outcome, per pseudonymous person. */
export { referralEventsForPathways, type PathwayReferralEvent } from './intake.pathways.repository';
