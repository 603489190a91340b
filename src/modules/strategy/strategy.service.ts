/**
 * Strategy use cases, one file per concern in service/. Writes run as commands (runCommand):
 * one transaction that writes its audit row. Reads check the caller's access to the plan's
 * collaborative first: 404 when they may not see it.
 */
export { clock, loadPlan, readableCollaboratives } from './service/access';
export { getPlanIn, itemViews, measureViews, planView } from './service/views';
export { PUBLIC_COUNT_THRESHOLD } from './strategy.presenter';
export * from './service/plans.service';
export * from './service/elements.service';
export * from './service/measures.service';
export * from './service/action-plans.service';
export * from './service/toc.service';
export * from './service/templates.service';
export * from './service/scorecard.service';
