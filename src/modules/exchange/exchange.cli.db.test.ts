import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/test-db';
import { silentProgress } from '../../core/db/backup';
import { systemActor } from '../../core/accounts/actor';
import { exchangeCli } from './exchange.cli';
import { instanceKey, useKeyDirectory } from './exchange.files';
import { createNetwork } from './exchange.networks.service';
import { NETWORK_NAME } from './exchange.seeds';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let dir: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-exchange-cli-'));
  useKeyDirectory(dir);
  database = await createTestDatabase();
  await createNetwork(database, systemActor('test'), {}, { name: 'Receiving network (CLI test)' });
});
afterAll(async () => {
  await database.drop();
  useKeyDirectory(undefined);
  fs.rmSync(dir, { recursive: true, force: true });
});

const run = (name: 'exchange.export' | 'exchange.import', args: Record<string, unknown>) =>
  (exchangeCli.commands[name].run as (ctx: unknown, a: unknown) => Promise<string>)({ database, log: () => undefined, progress: silentProgress }, args);

describe('roundtable exchange export / import', () => {
  it('registers its commands', async () => {
    const program = new Command();
    const calls: [string, unknown][] = [];
    exchangeCli.register(program, async (name, args) => void calls.push([name, args]));
    await program.parseAsync(['node', 'roundtable', 'exchange', 'import', 'Net', 'f.json', '--key', 'k.pem']);
    expect(calls).toEqual([['exchange.import', { network: 'Net', file: path.resolve('f.json'), key: path.resolve('k.pem') }]]);
  });

  it('exports a signed file and imports it into another network against the trusted key', async () => {
    const file = path.join(dir, 'network.json');
    expect(await run('exchange.export', { network: NETWORK_NAME, out: file })).toMatch(/^Wrote .*network\.json: 1 templates, 12 practices, \d+ shared values, signed by key [0-9a-f]{16}\.$/);
    const key = path.join(dir, 'key.pem');
    fs.writeFileSync(key, instanceKey(database).publicKeyPem);
    expect(await run('exchange.import', { network: 'Receiving network (CLI test)', file, key })).toMatch(/^Imported from roundtable:[0-9a-f]{16} \(key [0-9a-f]{16}\): 2 template versions, 12 practices, \d+ shared values\.$/);
  });

  it('refuses a tampered file, a wrong key, a missing network and a file that is not JSON, each in one line', async () => {
    const file = path.join(dir, 'network.json');
    const signed = JSON.parse(fs.readFileSync(file, 'utf8'));
    signed.payload.practices[0].titleEn = 'Something else';
    const tampered = path.join(dir, 'tampered.json');
    fs.writeFileSync(tampered, JSON.stringify(signed));
    const oneLine = async (p: Promise<string>) => {
      const e = await p.then(() => null, (x: Error) => x);
      expect(e).toBeInstanceOf(Error);
      expect(e!.message).not.toContain('\n');
      return e!.message;
    };
    expect(await oneLine(run('exchange.import', { network: NETWORK_NAME, file: tampered }))).toBe(
      'The file was refused: the signature does not match its content (the file was changed after it was signed, or signed by another key) (file.signature)',
    );
    const other = path.join(dir, 'other.pem');
    fs.writeFileSync(other, crypto.generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }));
    expect(await oneLine(run('exchange.import', { network: NETWORK_NAME, file, key: other }))).toMatch(/^The file was refused: it was signed by key [0-9a-f]{16}, not by the key you trust/);
    expect(await oneLine(run('exchange.export', { network: 'No such network' }))).toBe('No network named "No such network"');
    const junk = path.join(dir, 'junk.json');
    fs.writeFileSync(junk, '{not json');
    expect(await oneLine(run('exchange.import', { network: NETWORK_NAME, file: junk }))).toMatch(/^Cannot read .*junk\.json as JSON: /);
  });
});
