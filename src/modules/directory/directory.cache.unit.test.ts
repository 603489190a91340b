import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AnswerCache, codingFor } from './directory.cache';

describe('compressed public answers', () => {
  const body = JSON.stringify({ items: Array.from({ length: 40 }, (_, i) => ({ name: `Food bank ${i}`, description: 'Groceries once a month, no referral needed.' })) });

  it('compresses an answer once, however many requests ask for it at the same time', async () => {
    const cache = new AnswerCache({ maxBytes: 1 << 20, ttlMs: 60_000, httpMaxAgeS: 0 });
    const all = await Promise.all(Array.from({ length: 5 }, () => cache.encoded('v1\0finder\0food', body, 'br')));
    expect(new Set(all).size).toBe(1);
    expect(zlib.brotliDecompressSync(all[0]).toString('utf8')).toBe(body);
    // Later requests get the kept bytes; another coding is its own entry.
    expect(await cache.encoded('v1\0finder\0food', body, 'br')).toBe(all[0]);
    const gz = await cache.encoded('v1\0finder\0food', body, 'gzip');
    expect(zlib.gunzipSync(gz).toString('utf8')).toBe(body);
  });

  it('picks brotli, then gzip, by Accept-Encoding, and leaves short answers as they are', () => {
    expect(codingFor('gzip, deflate, br', body)).toBe('br');
    expect(codingFor('gzip', body)).toBe('gzip');
    expect(codingFor('br;q=0, gzip;q=0.5', body)).toBe('gzip');
    expect(codingFor('identity', body)).toBeNull();
    expect(codingFor('deflate', body)).toBeNull();
    expect(codingFor(undefined, body)).toBeNull();
    expect(codingFor('br', '{"items":[]}')).toBeNull();
  });
});
