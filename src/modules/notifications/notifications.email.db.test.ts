/**
 * E-mail copies through SMTP, against a catcher this test starts on 127.0.0.1 (never the
 * internet): sent in the recipient's language with the link, skipped when they turned e-mail
 * off, retried when the server refuses, and sent by the app's own sender when configured.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { buildApp } from '../../app';
import { loadConfig, type SmtpConfig } from '../../config';
import { createTestApp, demo, type Agent, type TestApp } from '../../../test/helpers/test-app';
import { TEST_ENCRYPTION_KEY } from '../../../test/helpers/test-key';
import { makeNotification } from './notifications.factory';
import { createTransport, deliverPending } from './notifications.mailer';

interface Caught { from: string; to: string[]; raw: string }
let caught: Caught[] = [];
let refuse = false;
let server: SMTPServer;
let port: number;
let t: TestApp;
let staff: Agent;
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (refuse) return callback(new Error('Mailbox unavailable'));
        caught.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
  t = await createTestApp();
  staff = await t.login(demo.staff);
  for (const r of await t.database.query<{ id: string; email: string }>('SELECT id, email FROM users')) ids[r.email] = r.id;
  await t.database.query("UPDATE notifications SET email_state = 'skipped'");
}, 120_000);
afterAll(async () => {
  await t?.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const smtp = (): SmtpConfig => ({ host: '127.0.0.1', port, secure: false, from: 'notices@roundtable.test', publicUrl: 'https://roundtable.example.org', pollSeconds: 1 });
const decode = (raw: string) => raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));

describe('e-mail copies of notices', () => {
  it('sends each waiting notice once, in the recipient’s language, with the link', async () => {
    caught = [];
    await t.database.query("UPDATE users SET preferred_language = 'fr' WHERE email = $1", [demo.viewer]);
    await makeNotification(t.database.db, ids[demo.coordinator], { kind: 'referral_closed', params: { organization: 'Northern Lights', status: 'completed' }, link: '/intake/referrals/abc' });
    await makeNotification(t.database.db, ids[demo.viewer], { kind: 'decision_recorded', params: { collaborative: 'LDIPC', result: 'carried' }, link: '/collaboratives' });
    const transport = createTransport(smtp());
    expect(await deliverPending(t.database, smtp(), transport)).toEqual({ sent: 2, skipped: 0, failed: 0 });
    expect(await deliverPending(t.database, smtp(), transport)).toEqual({ sent: 0, skipped: 0, failed: 0 });
    transport.close();
    expect(caught.map((c) => c.to[0]).sort()).toEqual([demo.coordinator, demo.viewer].sort());
    const en = decode(caught.find((c) => c.to[0] === demo.coordinator)!.raw);
    expect(en).toContain('The loop closed: Northern Lights completed your referral');
    expect(en).toContain('https://roundtable.example.org/intake/referrals/abc');
    expect(caught[0].from).toBe('notices@roundtable.test');
    const fr = decode(caught.find((c) => c.to[0] === demo.viewer)!.raw);
    expect(fr).toContain('LDIPC');
    expect(fr).toContain('adopt'); // "Décision consignée à LDIPC : adoptée" (the subject is encoded, the body is not)
    expect(fr).toContain('Ouvrir');
  });

  it('skips a recipient who turned e-mail off', async () => {
    caught = [];
    expect((await staff.put('/api/v1/notifications/settings', { emailEnabled: false })).statusCode).toBe(200);
    await makeNotification(t.database.db, ids[demo.staff]);
    const transport = createTransport(smtp());
    expect(await deliverPending(t.database, smtp(), transport)).toEqual({ sent: 0, skipped: 1, failed: 0 });
    transport.close();
    expect(caught).toEqual([]);
  });

  it('tries a refused message again, and gives up after three attempts', async () => {
    caught = [];
    refuse = true;
    await makeNotification(t.database.db, ids[demo.coordinator]);
    const transport = createTransport(smtp());
    for (let i = 0; i < 3; i++) expect((await deliverPending(t.database, smtp(), transport)).failed).toBe(1);
    expect((await deliverPending(t.database, smtp(), transport)).failed).toBe(0);
    refuse = false;
    transport.close();
    const [row] = await t.database.query<{ email_state: string; email_attempts: number }>("SELECT email_state, email_attempts FROM notifications WHERE email_state = 'failed'");
    expect(row).toEqual({ email_state: 'failed', email_attempts: 3 });
  });

  it('is sent by the app’s own sender when SMTP is configured', async () => {
    caught = [];
    const config = { ...loadConfig({ ROUNDTABLE_DEMO: 'true', ROUNDTABLE_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY } as NodeJS.ProcessEnv), demo: true, smtp: smtp() };
    const app = await buildApp({ database: t.database, config });
    await app.ready();
    try {
      await makeNotification(t.database.db, ids[demo.coordinator], { kind: 'action_item_assigned', params: { title: 'Book the hall' }, link: '/collaboratives/my-tasks' });
      for (let i = 0; i < 50 && caught.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect(caught).toHaveLength(1);
      expect(decode(caught[0].raw)).toContain('Action item assigned to you: Book the hall');
    } finally {
      await app.close();
    }
  });
});

describe('SMTP settings', () => {
  it('are on only with a host and a sender address', () => {
    expect(loadConfig({} as NodeJS.ProcessEnv).smtp).toBeUndefined();
    expect(loadConfig({ SMTP_HOST: 'mail.example.org' } as NodeJS.ProcessEnv).smtp).toBeUndefined();
    expect(loadConfig({ SMTP_HOST: 'mail.example.org', SMTP_FROM: 'no-reply@example.org', SMTP_PORT: '465', SMTP_SECURE: 'true' } as NodeJS.ProcessEnv).smtp).toMatchObject({ host: 'mail.example.org', port: 465, secure: true, pollSeconds: 30 });
    expect(() => loadConfig({ SMTP_HOST: 'x', SMTP_FROM: 'not an address' } as NodeJS.ProcessEnv)).toThrow(/SMTP_FROM/);
  });
});
