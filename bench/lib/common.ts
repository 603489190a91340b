import fs from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';
import { serverDatabase } from '../../test/helpers/postgres-server';

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

/**
 * CPU time spent since the meter started by this Node process and by one PostgreSQL server on
 * this machine: its postmaster and every process it started (read from /proc; bench servers are
 * on loopback). `postmaster` is its pid: `postmasterOf` finds it from a connection. On two cores,
 * what a step costs in both is what bounds its rate.
 */
export function cpuMeter(postmaster: number | null) {
  const tick = 1000 / 100; // ms per clock tick (USER_HZ is 100 on Linux)
  const postgresMs = () => {
    let total = 0;
    for (const pid of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        const close = stat.lastIndexOf(')');
        const f = stat.slice(close + 2).split(' ');
        // utime and stime; the postmaster's also counts the children that have ended (cutime,
        // cstime), so a connection closed during the measure keeps its time in the total.
        if (Number(pid) === postmaster) total += (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * tick;
        else if (Number(f[1]) === postmaster) total += (Number(f[11]) + Number(f[12])) * tick; // f[1]: parent pid
      } catch {
        /* the process ended */
      }
    }
    return total;
  };
  const startNode = process.cpuUsage();
  const startPg = postmaster === null ? 0 : postgresMs();
  return {
    /** Milliseconds of CPU since the meter started: this process, and the PostgreSQL server. */
    stop() {
      const n = process.cpuUsage(startNode);
      return { nodeMs: (n.user + n.system) / 1000, postgresMs: postmaster === null ? NaN : postgresMs() - startPg };
    },
  };
}

/** The pid of the postmaster serving `client`, or null when that server's processes are not visible here (a container). */
export async function postmasterOf(client: { query: (sql: string) => Promise<unknown> }): Promise<number | null> {
  const res = (await client.query('SELECT pg_backend_pid() AS pid')) as { rows?: { pid: number }[] } | { pid: number }[];
  const pid = Array.isArray(res) ? res[0].pid : res.rows![0].pid;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
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
export const benchDatabase = serverDatabase;
