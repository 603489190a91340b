import v8 from 'node:v8';
import vm from 'node:vm';
import pg from 'pg';

/** Helpers every bench shares: settings, rounding, memory, readiness, the PostgreSQL bench database. */

/** A numeric setting from the environment, clamped. */
export function num(name: string, dflt: number, min: number, max: number): number {
  const v = Number(process.env[name] ?? dflt);
  return Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : dflt;
}
export const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
export const mb = (bytes: number) => round(bytes / 1024 / 1024, 0);
export const now = () => process.hrtime.bigint();
export const ms = (since: bigint) => round(Number(process.hrtime.bigint() - since) / 1e6, 0);

// A collectable heap between backends, so one backend's memory does not count against the next.
v8.setFlagsFromString('--expose-gc');
export const gc = vm.runInNewContext('gc') as (() => void) | undefined;

/** Peak resident memory between start() and stop(), sampled every 50 ms. */
export class RssSampler {
  peak = 0;
  private timer?: NodeJS.Timeout;
  start() {
    this.peak = process.memoryUsage().rss;
    this.timer = setInterval(() => (this.peak = Math.max(this.peak, process.memoryUsage().rss)), 50);
    this.timer.unref();
  }
  stop() {
    clearInterval(this.timer);
    this.peak = Math.max(this.peak, process.memoryUsage().rss);
    return this.peak;
  }
}

export type Running = Awaited<ReturnType<typeof import('../../src/server').startServer>>;

/** Waits until GET /ready answers 200. */
export async function waitReady(origin: string, deadlineMs = 60_000) {
  const until = Date.now() + deadlineMs;
  for (;;) {
    try {
      const res = await fetch(`${origin}/ready`);
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > until) throw new Error(`${origin}/ready did not answer 200 within ${deadlineMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A bench's own database on the PostgreSQL server named by adminUrl. */
export function benchDatabase(adminUrl: string, name: string) {
  const adminQuery = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    adminQuery,
    create: () => adminQuery(`CREATE DATABASE ${name}`),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
    exists: async () => {
      const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
      await client.connect();
      try {
        return (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
      } finally {
        await client.end();
      }
    },
  };
}
