import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { DecodeText } from './data.census';

/** Runs bytes through the decoder in the given chunks and returns the text and the encoding it chose. */
async function decode(chunks: Buffer[]): Promise<{ text: string; encoding: string | null }> {
  const d = new DecodeText();
  let text = '';
  for await (const piece of Readable.from(chunks).pipe(d)) text += piece.toString();
  return { text, encoding: d.encoding };
}

describe('decoding a census file as it streams', () => {
  it('reads UTF-8 even when a character is cut between two chunks', async () => {
    const bytes = Buffer.from('GEO_NAME\nTrois-Rivières – Québec\n', 'utf8');
    const cut = bytes.indexOf(0xc3) + 1; // inside "è"
    const out = await decode([bytes.subarray(0, cut), bytes.subarray(cut)]);
    expect(out).toEqual({ text: 'GEO_NAME\nTrois-Rivières – Québec\n', encoding: 'utf-8' });
  });

  it('reads Windows-1252 met after a long ASCII start, including the 0x80–0x9F characters', async () => {
    const ascii = Buffer.from('a,b\n'.repeat(100_000));
    const latin = Buffer.from([0x4f, 0x73, 0x68, 0x61, 0x77, 0x61, 0x20, 0x96, 0x20, 0xe9, 0x92, 0x0a]); // "Oshawa – é’"
    const out = await decode([ascii, latin]);
    expect(out.encoding).toBe('windows-1252');
    expect(out.text.endsWith('Oshawa – é’\n')).toBe(true);
    expect(out.text.length).toBe(ascii.length + 12);
  });

  it('drops a UTF-8 byte-order mark', async () => {
    expect((await decode([Buffer.from('\ufeffA,B\n', 'utf8')])).text).toBe('A,B\n');
  });

  it('refuses UTF-16, binary files and a file that switches encoding part way', async () => {
    await expect(decode([Buffer.from('\ufeffA,B', 'utf16le')])).rejects.toMatchObject({ status: 400, code: 'data.unreadable_file' });
    await expect(decode([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00])])).rejects.toMatchObject({ status: 400 });
    await expect(decode([Buffer.from('é\n', 'utf8'), Buffer.from([0x41, 0xe9, 0x0a])])).rejects.toMatchObject({ status: 400 });
  });
});
