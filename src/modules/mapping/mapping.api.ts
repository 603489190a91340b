/**
 * What other modules may use of service mapping. They never read its tables.
 */
export { frontLineForCollaborative } from './mapping.feed';
