import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { buildKeyring, decrypt, encrypt, normalize, soundex } from './intake.crypto';

const key = () => crypto.randomBytes(32).toString('base64');

describe('field encryption', () => {
  it('round-trips, uses a fresh IV each time, and names its key', () => {
    const k = buildKeyring(loadConfig({ ROUNDTABLE_ENCRYPTION_KEY: key(), ROUNDTABLE_ENCRYPTION_KEY_ID: 'k7' } as NodeJS.ProcessEnv));
    const a = encrypt('Amina Fictional-Haddad', k)!;
    const b = encrypt('Amina Fictional-Haddad', k)!;
    expect(a).not.toBe(b);
    expect(a.split(':')[1]).toBe('k7');
    expect(a).not.toContain('Amina');
    expect(decrypt(a, k)).toBe('Amina Fictional-Haddad');
  });

  it('refuses a tampered value', () => {
    const k = buildKeyring(loadConfig({ ROUNDTABLE_ENCRYPTION_KEY: key() } as NodeJS.ProcessEnv));
    const parts = encrypt('secret', k)!.split(':');
    parts[3] = Buffer.from('SECRET').toString('base64');
    expect(() => decrypt(parts.join(':'), k)).toThrow();
  });

  it('reads values sealed under a previous key during rotation', () => {
    const old = key();
    const k1 = buildKeyring(loadConfig({ ROUNDTABLE_ENCRYPTION_KEY: old, ROUNDTABLE_ENCRYPTION_KEY_ID: 'k1' } as NodeJS.ProcessEnv));
    const sealed = encrypt('date 1988-04-12', k1)!;
    const k2 = buildKeyring(loadConfig({ ROUNDTABLE_ENCRYPTION_KEY: key(), ROUNDTABLE_ENCRYPTION_KEY_ID: 'k2', ROUNDTABLE_ENCRYPTION_PREVIOUS_KEYS: `k1:${old}` } as NodeJS.ProcessEnv));
    expect(decrypt(sealed, k2)).toBe('date 1988-04-12');
    expect(encrypt('x', k2)!.split(':')[1]).toBe('k2');
    const k3 = buildKeyring(loadConfig({ ROUNDTABLE_ENCRYPTION_KEY: key(), ROUNDTABLE_ENCRYPTION_KEY_ID: 'k3' } as NodeJS.ProcessEnv));
    expect(() => decrypt(sealed, k3)).toThrow(/k1 is not configured/);
  });

  it('requires the key with DATABASE_URL and rejects a short key', () => {
    expect(() => buildKeyring(loadConfig({ DATABASE_URL: 'postgres://x@127.0.0.1/db' } as NodeJS.ProcessEnv))).toThrow(/ROUNDTABLE_ENCRYPTION_KEY is required/);
    expect(() => buildKeyring(loadConfig({ ROUNDTABLE_ENCRYPTION_KEY: 'c2hvcnQ=' } as NodeJS.ProcessEnv))).toThrow(/32 bytes/);
  });

  it('normalizes names and gives sounds-alike keys', () => {
    expect(normalize('  Zoë O’Brien-Smith ')).toBe('zoe obrien smith');
    expect(soundex('Mohamed')).toBe(soundex('Muhammad'));
    expect(soundex('Robert')).toBe('R163');
    expect(soundex('Tymczak')).toBe('T522');
  });
});
