import type { Socket } from 'node:net';
import type { FastifyReply } from 'fastify';
import type { Database } from '../../core/db/database';
import { listen } from '../../core/db/database';

/** What the trigger intake_referral_notify sends: no personal data. */
interface Notice { id: string; status: string; from_org: string | null; to_org: string | null }
interface Subscriber { organizations: string[]; reply: FastifyReply }

/**
 * Live referral status for the organizations that sent or received each referral. One LISTEN
 * per app (opened with the first subscriber), fanned out to the open event streams.
 */
export function referralEventHub(database: Database) {
  const subscribers = new Set<Subscriber>();
  // Sockets that carried a stream: an event stream's connection is not idle to the server, so
  // closing the app destroys them (a client may keep one open after it stopped reading).
  const sockets = new Set<Socket>();
  let stopping: Promise<() => Promise<void>> | undefined;

  function dispatch(payload: string) {
    let n: Notice;
    try {
      n = JSON.parse(payload) as Notice;
    } catch {
      return;
    }
    const data = `data: ${JSON.stringify({ referralId: n.id, status: n.status })}\n\n`;
    for (const s of subscribers) {
      if ((n.from_org && s.organizations.includes(n.from_org)) || (n.to_org && s.organizations.includes(n.to_org))) s.reply.raw.write(data);
    }
  }

  return {
    /** Opens a text/event-stream on the reply; the stream ends when the client goes away or the app closes. */
    async subscribe(organizations: string[], reply: FastifyReply) {
      stopping ??= listen(database, 'intake_referral', dispatch).catch((e: unknown) => {
        stopping = undefined; // let the next subscriber try again
        throw e;
      });
      await stopping;
      const s: Subscriber = { organizations, reply };
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
        subscribers.delete(s);
      });
    },
    /** Ends every stream (so the server can close) and stops listening. */
    async close() {
      for (const s of subscribers) s.reply.raw.end();
      subscribers.clear();
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      if (stopping) await (await stopping.catch(() => async () => undefined))();
      stopping = undefined;
    },
  };
}
