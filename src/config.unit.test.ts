import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('configuration', () => {
  it('defaults to port 3000 and an embedded database in ./data with demo data', () => {
    const c = loadConfig({} as NodeJS.ProcessEnv);
    expect(c.port).toBe(3000);
    expect(c.dataDir).toMatch(/\/data$/);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.demo).toBe(true);
  });

  it('does not load demo accounts on a PostgreSQL server unless asked', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://x@localhost/db' } as NodeJS.ProcessEnv).demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://x@localhost/db', ROUNDTABLE_DEMO: 'true' } as NodeJS.ProcessEnv).demo).toBe(true);
  });

  it('names the bad setting in one line', () => {
    expect(() => loadConfig({ PORT: 'eighty' } as NodeJS.ProcessEnv)).toThrow(/^Invalid setting PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'not a url' } as NodeJS.ProcessEnv)).toThrow(/^Invalid setting DATABASE_URL/);
  });
});
