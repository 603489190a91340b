/**
 * What other modules may use of pathways. They never read its tables.
 * Published pathways with a step a directory service delivers (for links from service pages).
 */
export { publicList as publishedPathways } from './pathways.service';
