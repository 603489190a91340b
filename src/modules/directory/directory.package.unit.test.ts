import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvWithoutEmptyLines, readCsvHeader } from './directory.package';

async function filtered(text: string): Promise<{ out: string; lines: number }> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rt-csv-')), 'x.csv');
  fs.writeFileSync(file, text);
  let lines = 0;
  const parts: Buffer[] = [];
  for await (const b of csvWithoutEmptyLines(file, (n) => (lines += n))) parts.push(b);
  return { out: Buffer.concat(parts).toString('utf8'), lines };
}

describe('a CSV file as COPY takes it', () => {
  it('drops empty lines outside quotes, as the reader skips them', async () => {
    expect((await filtered('\nid,name\n\na,b\n\n\nc,d\n\n')).out).toBe('id,name\na,b\nc,d\n');
    expect((await filtered('id,name\r\n\r\na,b\r\n')).out).toBe('id,name\r\na,b\r\n');
  });

  it('keeps an empty line inside a quoted field, and counts line breaks for the progress bar', async () => {
    const text = 'id,notes\na,"one\n\ntwo ""quoted"""\nb,\n';
    const { out, lines } = await filtered(text);
    expect(out).toBe(text);
    expect(lines).toBe(5);
  });

  it('reads the header with its names trimmed and without a byte order mark', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rt-csv-')), 'h.csv');
    fs.writeFileSync(file, '\ufeffid, name ,"a,b"\n1,2,3\n');
    expect(await readCsvHeader(file)).toEqual(['id', 'name', 'a,b']);
  });
});

describe('the demo directory’s contact details', () => {
  it('tells people to call only where the organization has a phone number', async () => {
    const { demoServices } = await import('./directory.seeds');
    const withPhone = new Set(['Community Development Council Durham', 'Regional Municipality of Durham']);
    const saysCall = demoServices.filter((s) => /\b(call|phone)\b/i.test(s.apply ?? '')).map((s) => s.org);
    expect(saysCall.length).toBeGreaterThan(0);
    for (const org of saysCall) expect(withPhone.has(org), org).toBe(true);
  });
});
