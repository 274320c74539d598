/**
 * Open-loop load from ghz (https://ghz.sh, a Go gRPC load generator), for bench:check's `ghz`
 * phase. The Node load client's own pauses (its GC, its event loop shared by thousands of calls)
 * land in the latencies it reports; ghz's do not to any degree that matters (Go, sub-millisecond
 * GC). In `--async` mode ghz starts every call on its schedule whatever the answers, each in its
 * own goroutine, and times it from that start: an open loop, as the Node client's is.
 */
import { spawn, spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { homedir, tmpdir } from 'os';
import { join } from 'path';

export interface GhzOrder {
  address: string;
  /** Full method name, e.g. portcullis.authz.v1.AuthorizationService.Check. */
  call: string;
  /** Requests in proto JSON; sent round-robin. */
  requests: object[];
  metadata: Record<string, string>;
  rate: number;
  /** Measured seconds, after `warmupSeconds` at the rate that are sent but not reported. */
  seconds: number;
  warmupSeconds: number;
}

export interface GhzResult {
  callsPerSecond: number;
  errors: number;
  firstError?: string;
  /** Latencies in ms, sorted. */
  latencies: Float64Array;
}

/** ghz from GHZ, PATH or `go install`'s directory; undefined if there is none. */
export function findGhz(): string | undefined {
  const candidates = [
    process.env.GHZ,
    'ghz',
    join(process.env.GOPATH ?? join(homedir(), 'go'), 'bin', 'ghz'),
  ];
  for (const candidate of candidates) {
    if (!candidate) continue;
    if (candidate.includes('/') && !existsSync(candidate)) continue;
    if (spawnSync(candidate, ['--version'], { encoding: 'utf8' }).status === 0) return candidate;
  }
  return undefined;
}

export async function runGhz(ghz: string, order: GhzOrder): Promise<GhzResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-ghz-'));
  try {
    const dataFile = join(dir, 'requests.json');
    const reportFile = join(dir, 'report.json');
    writeFileSync(dataFile, JSON.stringify(order.requests));
    const skip = Math.round(order.rate * order.warmupSeconds);
    const args = [
      '--insecure',
      '--call',
      order.call,
      // No --proto: server reflection gives ghz the contract (its parser refuses proto3
      // `optional`); the reflection call is authenticated like any other.
      '--reflect-metadata',
      JSON.stringify(order.metadata),
      '--metadata',
      JSON.stringify(order.metadata),
      '--data-file',
      dataFile,
      '--async',
      '--rps',
      String(order.rate),
      '--connections',
      '1',
      '--timeout',
      '10s',
      '--total',
      String(skip + Math.round(order.rate * order.seconds)),
      '--skipFirst',
      String(skip),
      '--format',
      'json',
      '--output',
      reportFile,
      // BENCH_GHZ_ARGS, e.g. "--cpus 1", to change how ghz itself runs.
      ...(process.env.BENCH_GHZ_ARGS ?? '').split(' ').filter(Boolean),
      order.address,
    ];
    const child = spawn(ghz, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    if (code !== 0) throw new Error(`ghz exited with ${code}: ${stderr.trim()}`);
    const report = readFileSync(reportFile, 'utf8');
    // BENCH_GHZ_REPORT=<file> keeps ghz's report (every call's start, latency and status).
    if (process.env.BENCH_GHZ_REPORT) writeFileSync(process.env.BENCH_GHZ_REPORT, report);
    return summarise(JSON.parse(report) as GhzReport);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface GhzReport {
  details?: { timestamp: string; latency: number; error?: string; status: string }[];
}

/** Per-call details of ghz's JSON report (latency in ns) as this bench reports a phase. */
function summarise(report: GhzReport): GhzResult {
  const details = report.details ?? [];
  const latencies = new Float64Array(details.length);
  let errors = 0;
  let firstError: string | undefined;
  let [first, last] = [Infinity, -Infinity];
  details.forEach((d, i) => {
    latencies[i] = d.latency / 1e6;
    const started = Date.parse(d.timestamp);
    first = Math.min(first, started);
    last = Math.max(last, started);
    if (d.status !== 'OK') {
      errors++;
      firstError ??= `${d.status} ${d.error ?? ''}`.trim();
    }
  });
  latencies.sort();
  // Calls started per second over the span of their starts.
  const callsPerSecond = details.length > 1 ? (details.length - 1) / ((last - first) / 1000) : NaN;
  return { callsPerSecond, errors, firstError, latencies };
}
