/**
 * What other modules may use of strategy and results. They never read its tables.
 */
import type { Db } from '../../core/db/database';
import { findPlan } from './strategy.repository';

/** Does this strategy plan exist? (Service mapping hands answered questions on to a plan.) */
export async function strategyPlanExists(db: Db, id: string): Promise<boolean> {
  return !!(await findPlan(db, id));
}
