/**
 * What other modules may use of the service directory. They never read its tables.
 */
/** For service mapping (issue 15): need domains, supply by domain × place, pairs of alike services. */
export { needDomains, serviceSupply, similarServicePairs, type NeedDomain, type SupplyCell, type SimilarServicePair } from './repository/mapping';

/** For pathways (issue 16): names of services by id, and a service by exact name. */
export { serviceSummaries, serviceIdByName, searchServiceSummaries, type ServiceSummary } from './directory.pathways.repository';

/**
 * For intake (No Wrong Door): service suggestions for a client's needs, a service's age
 * eligibility, services by id with their eligibility (support bundles), which taxonomy codes
 * exist, and the stable ids the demo data uses.
 */
export { suggestServices, serviceEligibility, servicesByIds, knownTermCodes, type MatchCriteria, type ServiceSuggestion, type ServiceSummary as ServiceMatchSummary } from './directory.matching';
export { seedId } from './directory.seeds';
