/**
 * E-mail copies of notices, when SMTP is configured (docs/notifications.md). Notices are an
 * outbox: a command writes them in its transaction; this sender picks up the waiting ones
 * every SMTP_POLL_SECONDS (and when asked), sends each in its recipient's language, and marks
 * it sent. A recipient who turned e-mail off, or an inactive account, is skipped. A failed
 * send is tried again on the next two rounds.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import { repeatEvery, type RepeatingWork } from '../../core/repeating';
import type { Database } from '../../core/db/database';
import type { SmtpConfig } from '../../config';
import * as repo from './notifications.repository';
import { titleOf } from './notifications.messages';

const BATCH = 50;

const footer = {
  en: 'You receive this because you have a Roundtable account. Turn e-mail copies off on your notifications page.',
  fr: 'Vous recevez ce message parce que vous avez un compte Roundtable. Désactivez les copies par courriel sur votre page de notifications.',
};
const openLabel = { en: 'Open', fr: 'Ouvrir' };

export function createTransport(smtp: SmtpConfig): Transporter {
  return nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? '' } : undefined,
    // Credentials never go in clear: with a user name, STARTTLS is required unless TLS is on from the start.
    requireTLS: !!smtp.user && !smtp.secure,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
}

/** The message for one notice: title as subject, the link, a line on how to stop. */
export function messageFor(n: repo.PendingEmail, smtp: SmtpConfig) {
  const subject = titleOf(n.kind, n.params, n.language);
  const url = smtp.publicUrl ? new URL(n.link, smtp.publicUrl).toString() : n.link;
  return {
    from: smtp.from,
    to: { name: n.name, address: n.email },
    subject,
    text: `${subject}\n\n${openLabel[n.language]}: ${url}\n\n--\n${footer[n.language]}\n`,
  };
}

/** Sends the waiting notices once; returns how many were sent. */
export async function deliverPending(database: Database, smtp: SmtpConfig, transport: Transporter): Promise<{ sent: number; skipped: number; failed: number }> {
  const out = { sent: 0, skipped: 0, failed: 0 };
  await repo.skipStalePending(database.db);
  await repo.releaseStuckClaims(database.db);
  for (;;) {
    // Claimed in one statement, sent outside any transaction: a slow mail server holds no lock.
    const rows = await repo.claimPendingEmails(database.db, BATCH);
    const skip = rows.filter((r) => !r.emailEnabled).map((r) => r.id);
    await repo.markEmailed(database.db, skip, 'skipped');
    out.skipped += skip.length;
    const sent: string[] = [];
    for (const r of rows.filter((x) => x.emailEnabled)) {
      try {
        await transport.sendMail(messageFor(r, smtp));
        sent.push(r.id);
      } catch {
        await repo.recordEmailFailure(database.db, r.id);
        out.failed++;
      }
    }
    await repo.markEmailed(database.db, sent, 'sent');
    out.sent += sent.length;
    if (rows.length < BATCH) return out;
  }
}

interface Sender { work: RepeatingWork; transport: Transporter }
const senders = new WeakMap<Database, Sender>();

/** Starts the sender (manifest `init`) when SMTP is configured. */
export function startMailer(database: Database, smtp: SmtpConfig | undefined): void {
  if (!smtp || senders.has(database)) return;
  const transport = createTransport(smtp);
  // A message that fails is recorded on its notice (recordEmailFailure) and tried again; a round
  // that fails as a whole (the database away) is tried again at the next poll.
  const work = repeatEvery(smtp.pollSeconds * 1000, () => deliverPending(database, smtp, transport), { onError: () => undefined });
  senders.set(database, { work, transport });
}

export async function stopMailer(database: Database): Promise<void> {
  const s = senders.get(database);
  if (!s) return;
  senders.delete(database);
  await s.work.stop();
  s.transport.close();
}
