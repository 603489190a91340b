/** Strategy's own problems, with codes `strategy.<problem>` (listed in the manifest's errorCodes). */
import { Errors } from '../../core/http/errors';

export const strategyErrorCodes = ['strategy.frozen', 'strategy.closed', 'strategy.report_card_published'] as const;

export const StrategyErrors = {
  /** Themes, goals and the horizon of an adopted plan change only through a new plan version. */
  frozen: (what: string) =>
    Errors.stateConflict('strategy.frozen', `Themes and goals are frozen once the plan is adopted. Start a new plan version to change ${what}.`, 'kind', 'Frozen: the plan is adopted'),
  closed: () => Errors.stateConflict('strategy.closed', 'This plan is closed. Start a new plan version to make changes.', 'status', 'The plan is closed'),
  reportCardPublished: () =>
    Errors.stateConflict('strategy.report_card_published', 'This report card is published and frozen. Start a new version to change it.', 'status', 'Published'),
} as const;
