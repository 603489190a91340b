/**
 * What other modules may use of the service directory. They never read its tables.
 */
/** For service mapping (issue 15): need domains, supply by domain × place, pairs of alike services. */
export { needDomains, serviceSupply, similarServicePairs, type NeedDomain, type SupplyCell, type SimilarServicePair } from './repository/mapping';

/** For pathways (issue 16): names of services by id, and a service by exact name. */
export { serviceSummaries, serviceIdByName, searchServiceSummaries, type ServiceSummary } from './directory.pathways.repository';

/** For intake: suggestions for a need, age eligibility, services by id, known term codes. */
export { suggestServices, serviceEligibility, servicesByIds, knownTermCodes, type MatchCriteria, type ServiceSuggestion, type ServiceSummary as MatchedService } from './directory.matching';
