import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';

describe('where the server listens', () => {
  it('stays on this machine when demo accounts (published password) are loaded, unless HOST says otherwise', () => {
    expect(loadConfig({ ROUNDTABLE_DEMO: 'true' }).host).toBe('127.0.0.1');
    expect(loadConfig({}).host).toBe('127.0.0.1'); // embedded database: demo by default
    expect(loadConfig({ ROUNDTABLE_DEMO: 'true', HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });
  it('listens on every interface for a real deployment', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://db/roundtable', ROUNDTABLE_ENCRYPTION_KEY: 'x' }).host).toBe('0.0.0.0');
    expect(loadConfig({ ROUNDTABLE_DEMO: 'false' }).host).toBe('0.0.0.0');
  });
});
