import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import type { FastifyReply } from 'fastify';
import type { Database } from '../../core/db/database';
import { listen } from '../../core/db/database';
import { findLiveSession } from '../../core/accounts/accounts.repository';
import { userActor } from '../../core/accounts/accounts.service';
import { AppError } from '../../core/http/errors';
import { workerOrganizations } from './intake.access';
import { notify } from './repository/referrals';

/** What intake.referrals.ts announces after each referral change commits: no personal data. */
interface Notice { id?: string; status?: string; from_org?: string | null; to_org?: string | null; ping?: string }

/** The signed-in session a stream belongs to: it lives only as long as the session does. */
export interface StreamOwner { sessionId: string; userId: string; organizations: string[] }

interface Subscriber extends StreamOwner {
  reply: FastifyReply;
  openedAt: Date;
  /** Deliveries wait on the session check before them, so events keep their order. */
  chain: Promise<void>;
  closed: boolean;
}

/**
 * How often a stream's session is checked again when no event comes (logout, expiry, password
 * change, deactivation, lost roles all end the stream), how often the LISTEN connection is
 * proved alive with a notification to itself, and the longest wait between reconnection tries.
 */
export const liveStatusTimings = { recheckMs: 10_000, pingMs: 15_000, pingTimeoutMs: 5_000, maxBackoffMs: 30_000, idleMinutes: 120 };
export const MAX_STREAMS_PER_USER = 5;
/** Reconnections of the LISTEN connection since the process started (for tests and diagnostics). */
export const liveStatusCounters = { reconnects: 0 };
const CHANNEL = 'intake_referral';

/**
 * Live referral status for the organizations that sent or received each referral. One LISTEN
 * per app (opened with the first subscriber), fanned out to the open event streams. The LISTEN
 * connection is watched: if it stops hearing its own pings (the database restarted, the
 * connection was cut) it is opened again, with a growing delay while the database is away.
 */
export function referralEventHub(database: Database) {
  const subscribers = new Set<Subscriber>();
  // Sockets that carried a stream: an event stream's connection is not idle to the server, so
  // closing the app destroys them (a client may keep one open after it stopped reading).
  const sockets = new Set<Socket>();
  let stop: (() => Promise<void>) | undefined;
  let connecting: Promise<void> | undefined;
  let backoff = 0;
  let retryTimer: NodeJS.Timeout | undefined;
  let pingTimer: NodeJS.Timeout | undefined;
  let recheckTimer: NodeJS.Timeout | undefined;
  let pending: { nonce: string; timer: NodeJS.Timeout } | undefined;
  let closing = false;
  let reconnects = 0;

  function dispatch(payload: string) {
    let n: Notice;
    try {
      n = JSON.parse(payload) as Notice;
    } catch {
      return;
    }
    if (n.ping) {
      if (pending?.nonce === n.ping) {
        clearTimeout(pending.timer);
        pending = undefined;
      }
      return;
    }
    if (!n.id || !n.status) return;
    const data = `data: ${JSON.stringify({ referralId: n.id, status: n.status })}\n\n`;
    for (const s of subscribers) {
      if ((n.from_org && s.organizations.includes(n.from_org)) || (n.to_org && s.organizations.includes(n.to_org))) deliver(s, data, n);
    }
  }

  /** The session is checked against the database before every delivery. */
  function deliver(s: Subscriber, data: string, n: Notice) {
    s.chain = s.chain.then(async () => {
      if (s.closed || !(await stillValid(s))) return;
      if ((n.from_org && s.organizations.includes(n.from_org)) || (n.to_org && s.organizations.includes(n.to_org))) s.reply.raw.write(data);
    });
  }

  async function stillValid(s: Subscriber): Promise<boolean> {
    let ok = false;
    try {
      const row = await findLiveSession(database.db, s.sessionId, liveStatusTimings.idleMinutes);
      if (row && row.user.id === s.userId && row.user.passwordChangedAt.getTime() <= s.openedAt.getTime()) {
        s.organizations = workerOrganizations(userActor(row.user, row.roles));
        ok = s.organizations.length > 0;
      }
    } catch {
      // The database is away: deliver nothing; the next check decides.
      return false;
    }
    if (!ok) end(s);
    return ok;
  }

  function end(s: Subscriber) {
    if (s.closed) return;
    s.closed = true;
    subscribers.delete(s);
    s.reply.raw.end();
  }

  async function connect(): Promise<void> {
    if (closing) return;
    try {
      stop = await listen(database, CHANNEL, dispatch);
      backoff = 0;
    } catch {
      stop = undefined;
      scheduleReconnect();
    }
  }

  function ensureListening(): Promise<void> {
    if (stop || retryTimer) return Promise.resolve();
    connecting ??= connect().finally(() => (connecting = undefined));
    return connecting;
  }

  function scheduleReconnect() {
    if (closing || retryTimer) return;
    backoff = Math.min(backoff ? backoff * 2 : 250, liveStatusTimings.maxBackoffMs);
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      reconnects++;
      liveStatusCounters.reconnects++;
      void ensureListening();
    }, backoff);
    retryTimer.unref();
  }

  /** A notification to ourselves: if it does not come back, the LISTEN connection is dead. */
  async function ping() {
    if (closing || subscribers.size === 0 || pending || connecting || retryTimer) return;
    if (!stop) return void ensureListening();
    const nonce = randomUUID();
    const timer = setTimeout(() => {
      if (pending?.nonce !== nonce) return;
      pending = undefined;
      const old = stop;
      stop = undefined;
      void old?.().catch(() => undefined);
      scheduleReconnect();
    }, liveStatusTimings.pingTimeoutMs);
    timer.unref();
    pending = { nonce, timer };
    try {
      await notify(database.db, CHANNEL, JSON.stringify({ ping: nonce }));
    } catch {
      // The database itself is away; the missing ping will trigger the reconnection.
    }
  }

  function startTimers() {
    if (!pingTimer) {
      pingTimer = setInterval(() => void ping(), liveStatusTimings.pingMs);
      pingTimer.unref();
    }
    if (!recheckTimer) {
      recheckTimer = setInterval(() => {
        for (const s of subscribers) s.chain = s.chain.then(async () => void (await stillValid(s)));
      }, liveStatusTimings.recheckMs);
      recheckTimer.unref();
    }
  }

  return {
    /**
     * Opens a text/event-stream on the reply for a signed-in session; the stream ends when the
     * client goes away, the session ends, or the app closes. At most MAX_STREAMS_PER_USER at once.
     */
    async subscribe(owner: StreamOwner, reply: FastifyReply) {
      const open = [...subscribers].filter((s) => s.userId === owner.userId).length;
      if (open >= MAX_STREAMS_PER_USER) {
        throw new AppError({ status: 429, code: 'intake.events.too_many', title: `You have ${open} live status streams open. Close a tab or window and try again.`, extra: { limit: MAX_STREAMS_PER_USER } });
      }
      await ensureListening();
      startTimers();
      const s: Subscriber = { ...owner, reply, openedAt: new Date(), chain: Promise.resolve(), closed: false };
      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-accel-buffering': 'no',
        'x-content-type-options': 'nosniff',
      });
      // The retry hint and a first comment let the browser know the stream is open.
      reply.raw.write('retry: 5000\n: open\n\n');
      subscribers.add(s);
      const socket = reply.raw.socket;
      if (socket) {
        sockets.add(socket);
        socket.once('close', () => sockets.delete(socket));
      }
      // Proxies drop silent connections; a comment every 25 s keeps this one.
      const beat = setInterval(() => reply.raw.write(': keep-alive\n\n'), 25_000);
      beat.unref();
      reply.raw.on('close', () => {
        clearInterval(beat);
        s.closed = true;
        subscribers.delete(s);
      });
    },
    /** Figures for tests and diagnostics. */
    stats: () => ({ streams: subscribers.size, listening: !!stop, reconnects }),
    /** Ends every stream (so the server can close) and stops listening. */
    async close() {
      closing = true;
      for (const t of [retryTimer, pingTimer, recheckTimer, pending?.timer]) if (t) clearTimeout(t);
      for (const s of subscribers) s.reply.raw.end();
      subscribers.clear();
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      await connecting?.catch(() => undefined);
      if (stop) await stop().catch(() => undefined);
      stop = undefined;
    },
  };
}
