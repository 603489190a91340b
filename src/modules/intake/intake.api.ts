/**
 * What other modules may use of No Wrong Door intake. They never read its tables.
 * Only the de-identified, suppressed aggregate feed leaves the module.
 */
export { aggregateFeed } from './intake.reports';
export { publishFeed } from './intake.publish';
