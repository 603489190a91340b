import { describe, expect, it } from 'vitest';
import { driverError, sqlState } from './driver-error';

describe('database errors, however wrapped', () => {
  it('finds the driver error and its SQLSTATE under the query builder’s wrappers', () => {
    const driver = Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505', table: 'intake_bundles' });
    const wrapped = new Error('Failed query: INSERT …', { cause: new Error('outer', { cause: driver }) });
    expect(driverError(wrapped)).toBe(driver);
    expect(sqlState(wrapped)).toBe('23505');
    expect(sqlState(driver)).toBe('23505');
  });

  it('gives no SQLSTATE for errors that are not the database’s', () => {
    expect(sqlState(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBeUndefined();
    expect(sqlState(new Error('plain'))).toBeUndefined();
    expect(sqlState(undefined)).toBeUndefined();
  });
});
