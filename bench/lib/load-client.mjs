// Load generator, run as a child process so the client does not share the server's event
// loop (PGlite runs inside the server process). Reads one JSON argument:
//   { origin, cookie, paths: string[] | pathsFile: string, connections, durationS, warmupS, overallRate? }
// overallRate paces the requests (all connections together, per second) instead of sending the
// next one as soon as an answer arrives: the latency at a given traffic, not at saturation.
// Drives GET requests over the paths in order, round-robin (warm-up first, then the measured run continuing where it stopped), with autocannon, and prints one JSON line:
//   { requests, rps, p50_ms, p95_ms, p99_ms, max_ms, mean_ms, non2xx, errors, timeouts, statusCodes }
import autocannon from 'autocannon';

import fs from 'node:fs';

const opts = JSON.parse(process.argv[2]);
// Long lists come in a file (one path a line): an argument is limited to 128 KB.
if (opts.pathsFile) opts.paths = fs.readFileSync(opts.pathsFile, 'utf8').split('\n').filter(Boolean);

// One position over warm-up and measured run: a list of distinct URLs stays distinct across both.
let i = 0;

function run(durationS, onLatency) {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: opts.origin,
        connections: opts.connections,
        duration: durationS,
        ...(opts.overallRate ? { overallRate: opts.overallRate } : {}),
        timeout: 10,
        headers: { cookie: opts.cookie, accept: 'application/json' },
        requests: [
          {
            method: 'GET',
            setupRequest: (req) => ({ ...req, path: opts.paths[i++ % opts.paths.length] }),
          },
        ],
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
    if (onLatency) instance.on('response', (_client, _status, _bytes, ms) => onLatency(ms));
  });
}

function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx];
}

const round = (n) => Math.round(n * 100) / 100;

if (opts.warmupS > 0) await run(opts.warmupS);
const latencies = [];
const started = process.hrtime.bigint();
const result = await run(opts.durationS, (ms) => latencies.push(ms));
const elapsedS = Number(process.hrtime.bigint() - started) / 1e9;
latencies.sort((a, b) => a - b);
const total = latencies.length;
process.stdout.write(
  JSON.stringify({
    requests: total,
    rps: round(total / elapsedS),
    p50_ms: round(percentile(latencies, 50)),
    p95_ms: round(percentile(latencies, 95)),
    p99_ms: round(percentile(latencies, 99)),
    max_ms: round(latencies[total - 1] ?? NaN),
    mean_ms: round(latencies.reduce((a, b) => a + b, 0) / (total || 1)),
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([k, v]) => [k, v.count])),
  }) + '\n',
);
