import { Param, sql, type SQL } from 'drizzle-orm';

export type ArrayElementType = 'uuid' | 'text' | 'bigint' | 'integer' | 'date';

/**
 * A list bound as ONE query parameter and cast to a PostgreSQL array, for `= ANY(...)` and
 * `unnest(...)`. Never build such a list by joining strings: a comma inside a value splits it.
 */
export function arrayParam(values: readonly (string | number | bigint)[], type: ArrayElementType): SQL {
  return sql`${new Param(values)}::${sql.raw(type)}[]`;
}
