import { describe, expect, it } from 'vitest';
import { loadConfig, tileOrigin } from './config';

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

  it('draws maps offline unless a street-tile server is named, and checks its template', () => {
    expect(loadConfig({} as NodeJS.ProcessEnv).map).toEqual({ tileUrl: null, tileAttribution: null });
    const c = loadConfig({ MAP_TILE_URL: 'https://tiles.example.org/{z}/{x}/{y}.png', MAP_TILE_ATTRIBUTION: '© OpenStreetMap contributors' } as NodeJS.ProcessEnv);
    expect(c.map).toEqual({ tileUrl: 'https://tiles.example.org/{z}/{x}/{y}.png', tileAttribution: '© OpenStreetMap contributors' });
    expect(tileOrigin(c.map.tileUrl)).toBe('https://tiles.example.org');
    expect(tileOrigin(null)).toBeNull();
    expect(() => loadConfig({ MAP_TILE_URL: 'https://tiles.example.org/tile.png' } as NodeJS.ProcessEnv)).toThrow(/^Invalid setting MAP_TILE_URL: Use an http\(s\) URL with \{z\}/);
    expect(() => loadConfig({ MAP_TILE_URL: 'ftp://tiles.example.org/{z}/{x}/{y}.png' } as NodeJS.ProcessEnv)).toThrow(/^Invalid setting MAP_TILE_URL/);
  });
});
