/**
 * npm run bench:check [-- options]
 *
 * Authorization checks against a query-service process on loopback, with realistic data: 10,000
 * users in 200 groups (4 accounts of 2,500 users and 50 groups, each user in 1–3 groups, each
 * group with 1–3 real AWS managed policies, some inline policies and permissions boundaries).
 * The events are made by the domain aggregate (so they are what the command side would write)
 * and appended directly to the event log; the projector builds the read models from them.
 *
 *   --backend kafka     (default) Kafka + FerretDB/MongoDB (IAM_KAFKA_BROKERS, IAM_MONGODB_URI,
 *                       default the local services): the built projector, query-service and
 *                       command-service apps as three processes, on fresh topics and database.
 *   --backend embedded  the built all-in-one app (`npm start`) as one process, over an embedded
 *                       log written beforehand.
 *   --users N --groups N --accounts N --seconds S (per phase) --runs R --workers W
 *   --skip-build        use dist/ as it is (otherwise `nest build` the apps first)
 *   --phases check,rate,ghz,batch,fresh,floor   which measurements (default all)
 *
 * Prints, per run and as the median of the runs: Check calls/s and p50/p99 latency at several
 * concurrency levels (closed loop), Check latency at a fixed 5,000 calls/s (open loop, measured
 * from the scheduled send time, after 2 s at the rate unmeasured), BatchCheck decisions/s, and write→visible freshness: the command
 * reply's consistency token → Check with at_least_as_fresh answering the new decision.
 * The ghz phase asks the same Check mix (one account's, as that account's root) at 5,000/s from
 * ghz (bench/ghz-load.ts), a Go load generator, if one is installed: the Node load client's own
 * pauses land in the latencies it reports, ghz's do not to any degree that matters, so this
 * phase's p99 is the query service's. Phases run in the order listed, so the server has taken
 * the closed-loop and open-loop Node load before ghz measures it.
 * The floor phase runs the same Check load (128 in flight, and 5,000/s) against
 * bench/tools/grpc-floor-server.js, a grpc-js server of the same proto whose Check answers a fixed
 * response: what Node's gRPC transport alone allows on this machine, in the same run.
 * Load comes from worker threads of this process, each with its own HTTP/2 connection.
 *
 * Authentication: each run generates its own IAM_KEY_ENCRYPTION_KEYS (and uses the fixed test
 * bootstrap key of test/support/test-credentials.ts) for every service it starts, then mints with
 * that key ring one session of each account's root. gRPC calls carry `authorization: Bearer
 * <session token of the principal's account>` (one account per BatchCheck, so that no item is
 * PERMISSION_DENIED); the write→visible phase's HTTP writes are SigV4-signed as the root.
 */
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import { randomBytes, randomUUID } from 'crypto';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { isMainThread, parentPort, Worker, workerData } from 'worker_threads';
import * as grpc from '@grpc/grpc-js';
import * as http2 from 'http2';
import * as net from 'net';
import * as protoLoader from '@grpc/proto-loader';
import { missingStartupOptions } from '../apps/query-service/src/gc-tuning';
import { findGhz, runGhz } from './ghz-load';

const ROOT = resolve(__dirname, '..');
const PROTO = join(ROOT, 'libs/contracts/proto/authorization.proto');

// ---------------------------------------------------------------- load generation (workers)

/** Open-loop phases run this long at their rate before measuring. */
const OPEN_LOOP_WARMUP_MS = 2000;
/** The open-loop phases' rate (issue 5's p99 target is stated at it). */
const OPEN_LOOP_RATE = 5000;

type Method = 'Check' | 'BatchCheck';
interface PhaseOrder {
  method: Method;
  /** Closed loop: calls in flight at once. */
  concurrency?: number;
  /** Open loop: calls per second. */
  rate?: number;
  /** BatchCheck: checks per call. */
  batch?: number;
  seconds: number;
}
interface PhaseResult {
  calls: number;
  decisions: number;
  /** Calls that failed, and BatchCheck items answered with an error. */
  errors: number;
  firstError?: string;
  /** Latencies in ms. */
  latencies: Float64Array;
  elapsedMs: number;
}

function loadService(address: string) {
  const definition = protoLoader.loadSync(PROTO, {
    keepCase: true,
    oneofs: true,
    enums: String,
    defaults: true,
    longs: String,
  });
  const pkg = grpc.loadPackageDefinition(definition) as unknown as {
    portcullis: { authz: { v1: { AuthorizationService: grpc.ServiceClientConstructor } } };
  };
  type Unary = (
    req: object,
    opts: grpc.CallOptions,
    cb: (e: grpc.ServiceError | null, r: { results?: unknown[] }) => void,
  ) => void;
  return new pkg.portcullis.authz.v1.AuthorizationService(
    address,
    grpc.credentials.createInsecure(),
  ) as unknown as grpc.Client & Record<Method, Unary>;
}

/**
 * The load client: gRPC over a bare HTTP/2 session with the requests encoded once, beforehand.
 * grpc-js costs its caller about twice what it costs the server per call, and the client shares
 * the machine with the server: a lighter client leaves the server the CPU it is measured on.
 */
function rawClient(address: string) {
  const definition = protoLoader.loadSync(PROTO, {
    keepCase: true,
    oneofs: true,
    enums: String,
    defaults: true,
    longs: String,
  });
  const service = definition['portcullis.authz.v1.AuthorizationService'] as Record<
    string,
    protoLoader.MethodDefinition<object, { results?: unknown[] }>
  >;
  // TCP_NODELAY, as grpc-js's own client sets it, so the load client behaves like a real one
  // (no difference measured here; it rules Nagle out of the open-loop tail).
  const [host, port] = [
    address.slice(0, address.lastIndexOf(':')),
    Number(address.slice(address.lastIndexOf(':') + 1)),
  ];
  const session = http2.connect(`http://${address}`, {
    createConnection: () => net.connect({ host, port, noDelay: true }),
  });
  session.on('error', () => undefined);
  // The request headers, one object per method and token, shared by every frame that uses them
  // (http2 copies what it is given, so they stay as they are).
  const headerSets = new Map<string, http2.OutgoingHttpHeaders>();
  const headersFor = (method: Method, token: string): http2.OutgoingHttpHeaders => {
    const key = `${method} ${token}`;
    let headers = headerSets.get(key);
    if (!headers) {
      headers = {
        ':method': 'POST',
        ':path': `/portcullis.authz.v1.AuthorizationService/${method}`,
        'content-type': 'application/grpc',
        te: 'trailers',
        'grpc-timeout': '10S',
        authorization: `Bearer ${token}`,
      };
      headerSets.set(key, headers);
    }
    return headers;
  };
  /** A request encoded once, with its headers (the caller's session token among them). */
  const frame = (method: Method, request: object, token: string): Frame => {
    const body = service[method].requestSerialize(request);
    const out = Buffer.allocUnsafe(5 + body.length);
    out[0] = 0;
    out.writeUInt32BE(body.length, 1);
    body.copy(out, 5);
    return { method, headers: headersFor(method, token), body: out };
  };
  /**
   * `decisions`: the decisions answered; `itemErrors`: BatchCheck items answered with an error
   * (e.g. PERMISSION_DENIED), the first of them in `itemError`.
   */
  const call = (
    { method, headers, body }: Frame,
    cb: (error: string | null, decisions: number, itemErrors: number, itemError?: string) => void,
  ): void => {
    const stream = session.request(headers);
    const chunks: Buffer[] = [];
    let status: string | undefined;
    let message = '';
    stream.on('response', (headers) => {
      if (headers['grpc-status'] !== undefined) status = String(headers['grpc-status']);
    });
    stream.on('trailers', (trailers) => {
      status = String(trailers['grpc-status']);
      message = String(trailers['grpc-message'] ?? '');
    });
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('error', (e) => (message = e.message));
    stream.on('close', () => {
      if (status !== '0') {
        return cb(`${status ?? 'no status'} ${decodeURIComponent(message)}`, 0, 0);
      }
      if (method === 'Check') return cb(null, 1, 0);
      const reply = service[method].responseDeserialize(Buffer.concat(chunks).subarray(5));
      const results = (reply.results ?? []) as BatchItem[];
      let failed = 0;
      let itemError: string | undefined;
      for (const r of results) {
        if (r.outcome !== 'error') continue;
        failed++;
        itemError ??= `item ${r.error?.code} ${r.error?.message}`;
      }
      cb(null, results.length - failed, failed, itemError);
    });
    stream.end(body);
  };
  return { frame, call, close: () => session.close() };
}

interface Frame {
  method: Method;
  headers: http2.OutgoingHttpHeaders;
  /** The gRPC message, length-prefixed. */
  body: Buffer;
}
/** A CheckRequest as the load sends it. */
interface Check {
  principal_arn: string;
  action: string;
  resource: string;
  context?: Record<string, { string_value: string }>;
}
type BatchItem = { outcome?: string; error?: { code?: number; message?: string } };

/** The account of a principal ARN (`arn:aws:iam::<account>:…`). */
const accountOf = (principalArn: string) => principalArn.split(':')[4];

async function runWorker(): Promise<void> {
  const { address, checks, tokens } = workerData as {
    address: string;
    checks: Check[];
    /** Account → session token of its root. */
    tokens: Record<string, string>;
  };
  const client = rawClient(address);
  const tokenOf = (account: string) => {
    const token = tokens[account];
    if (!token) throw new Error(`no session token for account ${account}`);
    return token;
  };
  const single = checks.map((c) => client.frame('Check', c, tokenOf(accountOf(c.principal_arn))));
  // A BatchCheck asks about one account's principals: its root may ask about no other's.
  const byAccount = new Map<string, Check[]>();
  for (const c of checks) {
    const account = accountOf(c.principal_arn);
    let own = byAccount.get(account);
    if (!own) byAccount.set(account, (own = []));
    own.push(c);
  }
  const accounts = [...byAccount.keys()];
  const batches = new Map<number, Frame[]>();
  const framesFor = (method: Method, batch: number): Frame[] => {
    if (method === 'Check') return single;
    let frames = batches.get(batch);
    if (!frames) {
      frames = [];
      for (let i = 0; i < 50; i++) {
        const account = accounts[i % accounts.length];
        const own = byAccount.get(account)!;
        const from = (Math.floor(i / accounts.length) * batch) % own.length;
        const items = Array.from({ length: batch }, (_, k) => own[(from + k) % own.length]);
        frames.push(client.frame('BatchCheck', { checks: items }, tokenOf(account)));
      }
      batches.set(batch, frames);
    }
    return frames;
  };
  let cursor = Math.floor(Math.random() * checks.length);

  parentPort!.on('message', async (order: PhaseOrder | 'stop') => {
    if (order === 'stop') {
      client.close();
      parentPort!.close();
      return;
    }
    const latencies: number[] = [];
    let calls = 0;
    let decisions = 0;
    let errors = 0;
    let firstError: string | undefined;
    const start = performance.now();
    // An open loop starts at full rate on a cold connection: its first second queues behind
    // connection set-up and JIT (latencies of 100-400 ms, all in the first ~900 ms, measured).
    // It runs OPEN_LOOP_WARMUP_MS at the rate first, unrecorded, as load tests usually do.
    const measureFrom = start + (order.rate ? OPEN_LOOP_WARMUP_MS : 0);
    const end = measureFrom + order.seconds * 1000;
    const frames = framesFor(order.method, order.batch ?? 100);
    const one = (scheduled: number): Promise<void> =>
      new Promise((done) => {
        client.call(frames[cursor++ % frames.length], (error, answered, itemErrors, itemError) => {
          if (scheduled < measureFrom) return done();
          latencies.push(performance.now() - scheduled);
          calls++;
          if (error) {
            errors++;
            firstError ??= error;
          } else {
            decisions += answered;
            errors += itemErrors;
            if (itemError) firstError ??= itemError;
          }
          done();
        });
      });
    if (order.rate) {
      // Open loop: sends on schedule whatever the answers; latency from the scheduled time.
      const interval = 1000 / order.rate;
      let sent = 0;
      const inflight: Promise<void>[] = [];
      await new Promise<void>((finish) => {
        const tick = () => {
          const now = performance.now();
          if (now >= end) {
            clearInterval(timer);
            finish();
            return;
          }
          while (start + sent * interval <= now) {
            inflight.push(one(start + sent * interval));
            sent++;
          }
        };
        const timer = setInterval(tick, 1);
      });
      await Promise.all(inflight);
    } else {
      const loops = Array.from({ length: order.concurrency ?? 1 }, async () => {
        while (performance.now() < end) await one(performance.now());
      });
      await Promise.all(loops);
    }
    const result: PhaseResult = {
      calls,
      decisions,
      errors,
      firstError,
      latencies: Float64Array.from(latencies),
      elapsedMs: performance.now() - measureFrom,
    };
    parentPort!.postMessage(result, [result.latencies.buffer as ArrayBuffer]);
  });
}

// ---------------------------------------------------------------- main thread

interface Options {
  backend: 'kafka' | 'embedded';
  accounts: number;
  users: number;
  groups: number;
  seconds: number;
  runs: number;
  workers: number;
  build: boolean;
  /** Which measurements to run: check (closed loop), rate (open loop), batch, fresh. */
  phases: Set<string>;
}

function parseOptions(argv: string[]): Options {
  const o: Options = {
    backend: 'kafka',
    accounts: 4,
    users: 10_000,
    groups: 200,
    seconds: 5,
    runs: 3,
    workers: 2,
    build: true,
    phases: new Set(['check', 'rate', 'ghz', 'batch', 'fresh', 'floor']),
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => argv[++i];
    if (a === '--backend') o.backend = value() as Options['backend'];
    else if (a === '--accounts') o.accounts = Number(value());
    else if (a === '--users') o.users = Number(value());
    else if (a === '--groups') o.groups = Number(value());
    else if (a === '--seconds') o.seconds = Number(value());
    else if (a === '--runs') o.runs = Number(value());
    else if (a === '--workers') o.workers = Number(value());
    else if (a === '--skip-build') o.build = false;
    else if (a === '--phases') o.phases = new Set(value().split(','));
    else throw new Error(`unknown option ${a}`);
  }
  if (o.backend !== 'kafka' && o.backend !== 'embedded')
    throw new Error('--backend kafka|embedded');
  return o;
}

const log = (line = '') => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// AWS managed policies groups get (real documents, from the catalogue the command side uses).
const GROUP_POLICIES = [
  'arn:aws:iam::aws:policy/ReadOnlyAccess',
  'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
  'arn:aws:iam::aws:policy/AmazonS3FullAccess',
  'arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess',
  'arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess',
  'arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess',
  'arn:aws:iam::aws:policy/AWSLambda_ReadOnlyAccess',
  'arn:aws:iam::aws:policy/IAMReadOnlyAccess',
  'arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess',
  'arn:aws:iam::aws:policy/AmazonRDSReadOnlyAccess',
  'arn:aws:iam::aws:policy/PowerUserAccess',
  'arn:aws:iam::aws:policy/SecurityAudit',
  'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess',
  'arn:aws:iam::aws:policy/AmazonSNSReadOnlyAccess',
];

/** Checks a service would ask (action, resource template; {a} = account, {u} = user). */
const REQUESTS: [string, string][] = [
  ['s3:GetObject', 'arn:aws:s3:::reports-{a}/2026/q1.csv'],
  ['s3:PutObject', 'arn:aws:s3:::reports-{a}/uploads/{u}/file.bin'],
  ['s3:DeleteObject', 'arn:aws:s3:::prod-{a}/data.bin'],
  ['s3:ListBucket', 'arn:aws:s3:::reports-{a}'],
  ['ec2:DescribeInstances', '*'],
  ['ec2:TerminateInstances', 'arn:aws:ec2:us-east-1:{a}:instance/i-0abc'],
  ['dynamodb:PutItem', 'arn:aws:dynamodb:us-east-1:{a}:table/orders'],
  ['dynamodb:GetItem', 'arn:aws:dynamodb:us-east-1:{a}:table/orders'],
  ['iam:CreateUser', 'arn:aws:iam::{a}:user/new-hire'],
  ['iam:GetUser', 'arn:aws:iam::{a}:user/{u}'],
  ['lambda:InvokeFunction', 'arn:aws:lambda:us-east-1:{a}:function:resize'],
  ['lambda:GetFunction', 'arn:aws:lambda:us-east-1:{a}:function:resize'],
  ['sqs:SendMessage', 'arn:aws:sqs:us-east-1:{a}:orders'],
  ['cloudwatch:GetMetricData', '*'],
  ['rds:DescribeDBInstances', 'arn:aws:rds:us-east-1:{a}:db:main'],
  ['kms:Decrypt', 'arn:aws:kms:us-east-1:{a}:key/1234abcd'],
];

interface Generated {
  envelopes: import('@portcullis/contracts').EventEnvelope[];
  accounts: string[];
  /** [account, user name] of every user. */
  users: [string, string][];
  /** Users without groups or policies, for write→visible samples. */
  freshUsers: [string, string][];
  /** A group of 50 otherwise unprivileged users, for group-change samples. */
  freshGroup: { account: string; name: string; members: string[] };
}

async function generate(o: Options): Promise<Generated> {
  const { Account } = await import('@portcullis/domain');
  const { loadAwsManagedPolicyCatalog } =
    await import('../libs/domain/aws-managed/aws-managed-policy.catalog');
  const catalogue = loadAwsManagedPolicyCatalog();
  const random = (n: number) => randomBytes(n);
  const now = new Date();
  const usersPer = Math.ceil(o.users / o.accounts);
  const groupsPer = Math.ceil(o.groups / o.accounts);
  const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)];
  const out: Generated = {
    envelopes: [],
    accounts: [],
    users: [],
    freshUsers: [],
    freshGroup: { account: '', name: 'fresh-group', members: [] },
  };
  for (let a = 0; a < o.accounts; a++) {
    const id = Account.generateAccountId(random);
    const account = Account.create(id, { awsManagedPolicies: catalogue });
    out.accounts.push(id);
    account.createAccount({ accountName: `bench-${a}`, now });
    account.createPolicy({
      policyName: 'DeveloperBoundary',
      policyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['s3:*', 'ec2:Describe*', 'dynamodb:*', 'lambda:*', 'sqs:*'],
            Resource: '*',
          },
          { Effect: 'Deny', Action: 'iam:*', Resource: '*' },
        ],
      }),
      now,
      random,
    });
    const boundary = `arn:aws:iam::${id}:policy/DeveloperBoundary`;
    const groups: string[] = [];
    for (let g = 0; g < groupsPer; g++) {
      const name = `team-${g}`;
      groups.push(name);
      account.createGroup({ groupName: name, now, random });
      const policies = new Set<string>();
      const n = 1 + Math.floor(Math.random() * 3);
      while (policies.size < n) policies.add(pick(GROUP_POLICIES));
      for (const policyArn of policies) account.attachGroupPolicy({ groupName: name, policyArn });
      if (g % 3 === 0) {
        account.putGroupPolicy({
          groupName: name,
          policyName: 'deny-prod-deletes',
          policyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Deny', Action: 's3:DeleteObject', Resource: `arn:aws:s3:::prod-${id}/*` },
            ],
          }),
        });
      }
    }
    for (let u = 0; u < usersPer; u++) {
      const name = `user-${a}-${u}`;
      account.createUser({
        userName: name,
        tags: [{ Key: 'team', Value: `t${u % 20}` }],
        permissionsBoundary: u % 20 === 0 ? boundary : undefined,
        now,
        random,
      });
      out.users.push([id, name]);
      const memberships = new Set<string>();
      const m = 1 + Math.floor(Math.random() * 3);
      while (memberships.size < m) memberships.add(pick(groups));
      for (const groupName of memberships) account.addUserToGroup({ groupName, userName: name });
      if (u % 10 === 0) {
        account.putUserPolicy({
          userName: name,
          policyName: 'own-prefix',
          policyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: ['s3:PutObject', 's3:GetObject'],
                Resource: `arn:aws:s3:::reports-${id}/uploads/\${aws:username}/*`,
              },
            ],
          }),
        });
      }
    }
    for (let f = 0; f < 25; f++) {
      const name = `fresh-${a}-${f}`;
      account.createUser({ userName: name, now, random });
      out.freshUsers.push([id, name]);
    }
    if (a === 0) {
      out.freshGroup.account = id;
      account.createGroup({ groupName: 'fresh-group', now, random });
      for (let f = 0; f < 50; f++) {
        const name = `fresh-member-${f}`;
        account.createUser({ userName: name, now, random });
        account.addUserToGroup({ groupName: 'fresh-group', userName: name });
        out.freshGroup.members.push(name);
      }
    }
    const root = `arn:aws:iam::${id}:root`;
    for (const e of account.takePending()) {
      out.envelopes.push({
        eventId: randomUUID(),
        type: e.type,
        accountId: id,
        sequence: e.sequence,
        occurredAt: now.toISOString(),
        actor: root,
        commandId: `bench-${id}-${e.sequence}`,
        correlationId: `bench-${id}-${e.sequence}`,
        payload: e.payload,
      });
    }
  }
  return out;
}

/** Appends of at most 1,000 events and ~400 kB (a Kafka batch must stay under 1 MB). */
function* chunks<T>(items: readonly T[]): Generator<T[]> {
  let chunk: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = JSON.stringify(item).length;
    if (chunk.length > 0 && (chunk.length >= 1000 || bytes + size > 400_000)) {
      yield chunk;
      chunk = [];
      bytes = 0;
    }
    chunk.push(item);
    bytes += size;
  }
  if (chunk.length > 0) yield chunk;
}

function checksFor(data: Generated): Check[] {
  const checks: Check[] = [];
  for (let i = 0; i < 20_000; i++) {
    const [account, user] = data.users[Math.floor(Math.random() * data.users.length)];
    const [action, template] = REQUESTS[i % REQUESTS.length];
    checks.push({
      principal_arn: `arn:aws:iam::${account}:user/${user}`,
      action,
      resource: template.replace(/\{a\}/g, account).replace(/\{u\}/g, user),
      context: { 'aws:SourceIp': { string_value: '10.1.2.3' } },
    });
  }
  return checks;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : '-');

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
function cpuSecondsOf(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks
  } catch {
    return NaN;
  }
}

class LoadPool {
  private readonly workers: Worker[];
  constructor(
    address: string,
    checks: Check[],
    /** Account → session token of its root. */
    tokens: Record<string, string>,
    n: number,
    /** The process answering, whose CPU use per call is reported. */
    private readonly serverPid?: number,
  ) {
    this.workers = Array.from(
      { length: n },
      () =>
        // The worker runs this file's TypeScript through tsx, as the main thread does.
        new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(__filename)});`, {
          eval: true,
          workerData: { address, checks, tokens },
        }),
    );
  }
  async run(order: PhaseOrder) {
    const parts = order.rate
      ? this.workers.map(() => ({ ...order, rate: order.rate! / this.workers.length }))
      : this.workers.map((_, i) => ({
          ...order,
          concurrency:
            Math.floor(order.concurrency! / this.workers.length) +
            (i < order.concurrency! % this.workers.length ? 1 : 0),
        }));
    const serverBefore = cpuSecondsOf(this.serverPid);
    const clientBefore = process.cpuUsage();
    const jobs = this.workers
      .map((worker, i) => ({ worker, part: parts[i] }))
      .filter((j) => j.part.rate || j.part.concurrency);
    const results = await Promise.all(
      jobs.map(
        ({ worker, part }) =>
          new Promise<PhaseResult>((done) => {
            worker.once('message', done);
            worker.postMessage(part);
          }),
      ),
    );
    const all = new Float64Array(results.reduce((n, r) => n + r.latencies.length, 0));
    let at = 0;
    for (const r of results) {
      all.set(r.latencies, at);
      at += r.latencies.length;
    }
    all.sort();
    const seconds = Math.max(...results.map((r) => r.elapsedMs)) / 1000;
    const calls = results.reduce((n, r) => n + r.calls, 0);
    const client = process.cpuUsage(clientBefore);
    return {
      /** CPU time per call, µs: the server process, and this process (the load). */
      serverCpuPerCall: ((cpuSecondsOf(this.serverPid) - serverBefore) * 1e6) / calls,
      clientCpuPerCall: (client.user + client.system) / calls,
      callsPerSecond: results.reduce((n, r) => n + r.calls, 0) / seconds,
      decisionsPerSecond: results.reduce((n, r) => n + r.decisions, 0) / seconds,
      errors: results.reduce((n, r) => n + r.errors, 0),
      firstError: results.find((r) => r.firstError)?.firstError,
      p50: percentile(all, 50),
      p99: percentile(all, 99),
      p999: percentile(all, 99.9),
    };
  }
  close() {
    for (const w of this.workers) w.postMessage('stop');
  }
}

async function freePort(): Promise<number> {
  const { freePort: free } = await import('../test/support/free-port');
  return free();
}

function build(apps: string[]): void {
  for (const app of apps) {
    log(`building ${app} …`);
    const b = spawnSync('npx', ['nest', 'build', app], { cwd: ROOT, encoding: 'utf8' });
    // tsc emits even with type errors elsewhere in the monorepo; the output is what matters.
    if (b.error) throw b.error;
    const c = spawnSync('node', ['scripts/copy-proto.js', app], { cwd: ROOT, encoding: 'utf8' });
    if (c.status !== 0) throw new Error(`copy-proto ${app}: ${c.stderr}`);
  }
}

/** Where the apps' output goes (printed if one of them fails). */
const LOG_DIR = isMainThread ? mkdtempSync(join(tmpdir(), 'bench-check-logs-')) : '';

function startApp(app: string, env: NodeJS.ProcessEnv, name = app): ChildProcess {
  // The processes that answer Check start as they do in production (package.json's start,
  // docker-compose.yml): with V8's startup options, unless BENCH_SERVER_NODE_ARGS sets them.
  const startup =
    app === 'query-service' || app === 'portcullis'
      ? missingStartupOptions(serverNodeArgs(), process.env.NODE_OPTIONS)
      : [];
  return startNode(join(ROOT, `dist/apps/${app}/apps/${app}/src/main.js`), [], env, name, startup);
}

/** BENCH_SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", to look inside the servers. */
function serverNodeArgs(): string[] {
  return (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
}

function startNode(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  name: string,
  startup: readonly string[] = [],
): ChildProcess {
  const nodeArgs = [...startup, ...serverNodeArgs()];
  const out = openSync(join(LOG_DIR, `${name}.log`), 'a');
  // The servers run on the bench's own Node, so the figures are one runtime's.
  const child = spawn(process.execPath, [...nodeArgs, script, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', out, out],
  });
  child.on('exit', (code, signal) => {
    if (code !== 0 && signal === null)
      log(`! ${name} exited with ${code}: see ${join(LOG_DIR, `${name}.log`)}`);
  });
  return child;
}

async function waitReady(httpPort: number, what: string, timeoutMs = 180_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${httpPort}/health/ready`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > end) throw new Error(`${what} not ready after ${timeoutMs} ms`);
    await sleep(250);
  }
}

/** Until something accepts connections on the port (the floor server has no HTTP health). */
async function waitListening(port: number, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((done) => {
      const socket = net.connect({ host: '127.0.0.1', port }, () => {
        socket.destroy();
        done(true);
      });
      socket.on('error', () => done(false));
    });
    if (open) return;
    if (Date.now() > end) throw new Error(`nothing listening on ${port} after ${timeoutMs} ms`);
    await sleep(100);
  }
}

type Client = ReturnType<typeof loadService>;
/** A unary call with `metadata` (the caller's `authorization`). */
const call = <T>(
  client: Client,
  method: string,
  request: object,
  metadata: grpc.Metadata,
  deadlineMs = 10_000,
) =>
  new Promise<T>((done, fail) =>
    (
      client as unknown as Record<
        string,
        (r: object, m: grpc.Metadata, o: object, cb: (e: Error | null, r: T) => void) => void
      >
    )[method](request, metadata, { deadline: Date.now() + deadlineMs }, (e, r) =>
      e ? fail(e) : done(r),
    ),
  );

/** Each account's root: its temporary credentials, and its gRPC metadata. */
interface RootSession {
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string };
  metadata: grpc.Metadata;
}

/** The longest a session token lives (36 h): longer than any run. */
const SESSION_SECONDS = 129_600;

async function rootSessions(keys: string, accounts: string[]): Promise<Map<string, RootSession>> {
  const { KeyRing, SessionTokenSealer } = await import('@portcullis/credentials');
  const sealer = new SessionTokenSealer(KeyRing.parse(keys));
  const sessions = new Map<string, RootSession>();
  for (const accountId of accounts) {
    const { credentials } = sealer.issue(
      { kind: 'session', accountId, principalArn: `arn:aws:iam::${accountId}:root` },
      { now: Date.now(), durationSeconds: SESSION_SECONDS },
    );
    const metadata = new grpc.Metadata();
    metadata.set('authorization', `Bearer ${credentials.sessionToken}`);
    sessions.set(accountId, { credentials, metadata });
  }
  return sessions;
}

/** A command request, SigV4-signed beforehand (the signature is good for 15 minutes). */
interface SignedWrite {
  action: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

async function signWrite(
  httpPort: number,
  session: RootSession,
  action: string,
  body: object,
): Promise<SignedWrite> {
  const { signRequest } = await import('../test/support/test-credentials');
  const url = `http://127.0.0.1:${httpPort}/v1/${action}`;
  const payload = JSON.stringify(body);
  const { headers } = await signRequest(url, payload, { credentials: session.credentials });
  return { action, url, headers, body: payload };
}

async function post({ action, url, headers, body }: SignedWrite) {
  const res = await fetch(url, { method: 'POST', headers, body });
  const reply = (await res.json()) as Record<string, unknown>;
  if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(reply)}`);
  return reply;
}

/**
 * Write → visible: the command's reply token, then Check at_least_as_fresh(token). The writes
 * are signed as their account's root before the first is sent.
 */
async function freshness(
  client: Client,
  httpPort: number,
  data: Generated,
  sessions: Map<string, RootSession>,
  samples: number,
) {
  const visible: number[] = [];
  const total: number[] = [];
  let wrong = 0;
  const writes = await Promise.all(
    Array.from({ length: samples }, (_, i) => {
      const [account, user] = data.freshUsers[i % data.freshUsers.length];
      const queue = `arn:aws:sqs:us-east-1:${account}:fresh-${i}`;
      return signWrite(httpPort, sessions.get(account)!, 'PutUserPolicy', {
        UserName: user,
        PolicyName: 'fresh',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: queue }],
        }),
      });
    }),
  );
  const g = data.freshGroup;
  const groupSession = sessions.get(g.account)!;
  const groupSamples = Math.max(4, Math.floor(samples / 10));
  const groupWrites = await Promise.all(
    Array.from({ length: groupSamples }, (_, i) =>
      signWrite(httpPort, groupSession, i % 2 === 0 ? 'AttachGroupPolicy' : 'DetachGroupPolicy', {
        GroupName: g.name,
        PolicyArn: 'arn:aws:iam::aws:policy/AmazonSQSFullAccess',
      }),
    ),
  );
  for (let i = 0; i < samples; i++) {
    const [account, user] = data.freshUsers[i % data.freshUsers.length];
    const queue = `arn:aws:sqs:us-east-1:${account}:fresh-${i}`;
    const t0 = performance.now();
    const reply = await post(writes[i]);
    const t1 = performance.now();
    const check = await call<{ decision: string }>(
      client,
      'Check',
      {
        principal_arn: `arn:aws:iam::${account}:user/${user}`,
        action: 'sqs:SendMessage',
        resource: queue,
        consistency: { at_least_as_fresh: reply.ConsistencyToken as string },
      },
      sessions.get(account)!.metadata,
    );
    const t2 = performance.now();
    if (check.decision !== 'ALLOW') wrong++;
    visible.push(t2 - t1);
    total.push(t2 - t0);
  }
  // A shared piece: a group's attachment changes for its 50 members at once.
  const fanout: number[] = [];
  for (let i = 0; i < groupSamples; i++) {
    const attach = i % 2 === 0;
    const reply = await post(groupWrites[i]);
    const t1 = performance.now();
    const member = g.members[i % g.members.length];
    const check = await call<{ decision: string }>(
      client,
      'Check',
      {
        principal_arn: `arn:aws:iam::${g.account}:user/${member}`,
        action: 'sqs:SendMessage',
        resource: `arn:aws:sqs:us-east-1:${g.account}:orders`,
        consistency: { at_least_as_fresh: reply.ConsistencyToken as string },
      },
      groupSession.metadata,
    );
    fanout.push(performance.now() - t1);
    if ((check.decision === 'ALLOW') !== attach) wrong++;
  }
  const sorted = (xs: number[]) => Float64Array.from(xs).sort();
  return {
    p50: percentile(sorted(visible), 50),
    p99: percentile(sorted(visible), 99),
    writeP50: percentile(sorted(total), 50),
    groupP50: percentile(sorted(fanout), 50),
    groupMax: Math.max(...fanout),
    wrong,
  };
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  const run = `bench-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  log(`run ${run} on Node ${process.version}; the apps' logs go to ${LOG_DIR}`);
  const apps =
    o.backend === 'kafka' ? ['projector', 'query-service', 'command-service'] : ['portcullis'];
  if (o.build) build(apps);

  let t = performance.now();
  const data = await generate(o);
  log(
    `generated ${data.envelopes.length} events: ${o.accounts} accounts, ${data.users.length} users, ${o.groups} groups, ` +
      `AWS managed policies from the catalogue (${((performance.now() - t) / 1000).toFixed(1)} s)`,
  );

  // This run's key ring, for every service it starts, and a session of each account's root.
  const { bootstrapEnv } = await import('../test/support/test-credentials');
  const keys = `k1:${randomBytes(32).toString('base64')}`;
  const authEnv: NodeJS.ProcessEnv = { IAM_KEY_ENCRYPTION_KEYS: keys, ...bootstrapEnv() };
  const sessions = await rootSessions(keys, data.accounts);
  const tokens = Object.fromEntries(
    [...sessions].map(([account, s]) => [account, s.credentials.sessionToken]),
  );

  const children: ChildProcess[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  // Interrupted: stop the servers it started (they would outlive it otherwise).
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      for (const child of children) child.kill('SIGKILL');
      process.exit(130);
    });
  }
  const grpcPort = await freePort();
  let commandHttp: number;
  let serverPid: number | undefined;
  const { EmbeddedEventLog, KafkaEventLog } = await import('@portcullis/event-log');
  try {
    if (o.backend === 'kafka') {
      const brokers = (process.env.IAM_KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
      const mongo =
        process.env.IAM_MONGODB_URI ??
        'mongodb://127.0.0.1:27017/?directConnection=true&retryWrites=false';
      const database = run.replace(/-/g, '_');
      const env: NodeJS.ProcessEnv = {
        IAM_KAFKA_BROKERS: brokers.join(','),
        IAM_MONGODB_URI: mongo,
        IAM_MONGODB_DATABASE: database,
        IAM_KAFKA_CLIENT_ID: run,
        IAM_TOPIC_EVENTS: `${run}.events`,
        IAM_TOPIC_COMMANDS: `${run}.commands`,
        IAM_TOPIC_COMMAND_RESULTS: `${run}.command-results`,
        IAM_TOPIC_EVENTS_DLQ: `${run}.events.dlq`,
        IAM_PARTITIONS: '6',
        ...authEnv,
      };
      t = performance.now();
      const eventLog = await KafkaEventLog.connect({
        brokers,
        clientId: `${run}-generator`,
        topic: env.IAM_TOPIC_EVENTS,
        partitionCount: 6,
        transactionalId: `${run}-generator`,
        logLevel: 0,
      });
      for (const chunk of chunks(data.envelopes)) await eventLog.append(chunk);
      await eventLog.close();
      log(
        `appended to Kafka topic ${env.IAM_TOPIC_EVENTS} in ${((performance.now() - t) / 1000).toFixed(1)} s`,
      );
      cleanups.push(async () => {
        const { MongoClient } = await import('mongodb');
        const client = await MongoClient.connect(mongo);
        await client.db(database).dropDatabase();
        await client.close();
        const { Kafka, logLevel } = await import('kafkajs');
        const admin = new Kafka({
          clientId: `${run}-cleanup`,
          brokers,
          logLevel: logLevel.NOTHING,
        }).admin();
        await admin.connect();
        await admin
          .deleteTopics({
            topics: [
              env.IAM_TOPIC_EVENTS!,
              env.IAM_TOPIC_COMMANDS!,
              env.IAM_TOPIC_COMMAND_RESULTS!,
              env.IAM_TOPIC_EVENTS_DLQ!,
            ],
          })
          .catch(() => undefined);
        await admin.disconnect();
      });
      const ports = {
        projector: await freePort(),
        query: await freePort(),
        command: await freePort(),
      };
      t = performance.now();
      children.push(startApp('projector', { ...env, IAM_HTTP_PORT: String(ports.projector) }));
      const query = startApp('query-service', {
        ...env,
        IAM_HTTP_PORT: String(ports.query),
        IAM_GRPC_PORT: String(grpcPort),
      });
      children.push(query);
      serverPid = query.pid;
      children.push(startApp('command-service', { ...env, IAM_HTTP_PORT: String(ports.command) }));
      await Promise.all([
        waitReady(ports.projector, 'projector'),
        waitReady(ports.query, 'query-service'),
        waitReady(ports.command, 'command-service'),
      ]);
      commandHttp = ports.command;
      log(
        `projector, query-service and command-service ready in ${((performance.now() - t) / 1000).toFixed(1)} s`,
      );
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'bench-check-'));
      cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
      const eventLog = new EmbeddedEventLog({ dir, partitionCount: 6 });
      for (let i = 0; i < data.envelopes.length; i += 1000) {
        await eventLog.append(data.envelopes.slice(i, i + 1000));
      }
      await eventLog.close();
      commandHttp = await freePort();
      t = performance.now();
      serverPid =
        children[
          children.push(
            startApp('portcullis', {
              ...authEnv,
              IAM_DATA_DIR: dir,
              IAM_HTTP_PORT: String(commandHttp),
              IAM_GRPC_PORT: String(grpcPort),
            }),
          ) - 1
        ].pid;
      await waitReady(commandHttp, 'portcullis');
      log(`embedded app ready in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }

    const address = `127.0.0.1:${grpcPort}`;
    const client = loadService(address);
    t = performance.now();
    const [account, user] = data.users[0];
    await call(
      client,
      'Check',
      {
        principal_arn: `arn:aws:iam::${account}:user/${user}`,
        action: 's3:GetObject',
        resource: '*',
        consistency: { fully_consistent: true },
      },
      sessions.get(account)!.metadata,
      600_000,
    );
    log(
      `projection caught up with the log in ${((performance.now() - t) / 1000).toFixed(1)} s (fully_consistent check)`,
    );

    // Cold cache: every user's set composed once (store reads), through BatchCheck (batches of
    // one account's users, asked as its root).
    t = performance.now();
    for (const a of data.accounts) {
      const own = data.users.filter(([ua]) => ua === a);
      for (let i = 0; i < own.length; i += 1000) {
        const reply = await call<{ results: { outcome: string; error?: { message: string } }[] }>(
          client,
          'BatchCheck',
          {
            checks: own.slice(i, i + 1000).map(([, u]) => ({
              principal_arn: `arn:aws:iam::${a}:user/${u}`,
              action: 's3:GetObject',
              resource: `arn:aws:s3:::reports-${a}/x`,
            })),
          },
          sessions.get(a)!.metadata,
          60_000,
        );
        const failed = reply.results.find((r) => r.outcome === 'error');
        if (failed) throw new Error(`warm-up: ${failed.error?.message}`);
      }
    }
    log(
      `cold cache filled for ${data.users.length} users in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );

    const checks = checksFor(data);
    const pool = new LoadPool(address, checks, tokens, o.workers, serverPid);
    // The transport floor: the same load against a server that answers without doing anything.
    let floor: LoadPool | undefined;
    if (o.phases.has('floor')) {
      const port = await freePort();
      const server = startNode(
        join(ROOT, 'bench/tools/grpc-floor-server.js'),
        [String(port)],
        {},
        'floor',
      );
      children.push(server);
      await waitListening(port);
      floor = new LoadPool(`127.0.0.1:${port}`, checks, tokens, o.workers, server.pid);
    }
    // ghz asks with one session token: one account's checks.
    const ghz = o.phases.has('ghz') ? findGhz() : undefined;
    if (o.phases.has('ghz') && !ghz) {
      log('ghz not found (GHZ, PATH, ~/go/bin): its phase is skipped;');
      log('  go install github.com/bojand/ghz/cmd/ghz@latest');
    }
    const ghzAccount = data.accounts[0];
    const ghzChecks = checks.filter((c) => accountOf(c.principal_arn) === ghzAccount);
    const closed = [1, 8, 32, 128];
    const table = new Map<string, number[]>();
    const record = (key: string, v: number) => table.set(key, [...(table.get(key) ?? []), v]);
    // Failed calls and BatchCheck items answered with an error, all phases of all runs.
    let errors = 0;
    const errorsOf = (res: { errors: number; firstError?: string }) => {
      errors += res.errors;
      return `; ${res.errors} errors${res.errors ? ` (${res.firstError})` : ''}`;
    };
    for (let r = 1; r <= o.runs; r++) {
      log(`\nrun ${r}/${o.runs}`);
      for (const c of o.phases.has('check') ? closed : []) {
        const res = await pool.run({ method: 'Check', concurrency: c, seconds: o.seconds });
        log(
          `  Check, ${c} in flight: ${fmt(res.callsPerSecond, 0)} calls/s, p50 ${fmt(res.p50)} ms, p99 ${fmt(res.p99)} ms; CPU/call server ${fmt(res.serverCpuPerCall, 0)} µs, load ${fmt(res.clientCpuPerCall, 0)} µs${errorsOf(res)}`,
        );
        record(`Check c=${c} calls/s`, res.callsPerSecond);
        record(`Check c=${c} server CPU µs/call`, res.serverCpuPerCall);
        record(`Check c=${c} p50 ms`, res.p50);
        record(`Check c=${c} p99 ms`, res.p99);
      }
      for (const rate of o.phases.has('rate') ? [OPEN_LOOP_RATE] : []) {
        const res = await pool.run({ method: 'Check', rate, seconds: o.seconds });
        log(
          `  Check at ${rate}/s (open loop, after ${OPEN_LOOP_WARMUP_MS / 1000} s unmeasured at the rate): ${fmt(res.callsPerSecond, 0)} calls/s, p50 ${fmt(res.p50)} ms, p99 ${fmt(res.p99)} ms, p99.9 ${fmt(res.p999)} ms${errorsOf(res)}`,
        );
        record(`Check @${rate}/s p50 ms`, res.p50);
        record(`Check @${rate}/s p99 ms`, res.p99);
      }
      if (ghz) {
        const rate = OPEN_LOOP_RATE;
        // Server CPU per call at this rate: each call has the event loop to itself, so it costs
        // far more than at 128 in flight, and the p99 moves with it (docs/decisions.md).
        const cpuBefore = cpuSecondsOf(serverPid);
        const res = await runGhz(ghz, {
          address,
          call: 'portcullis.authz.v1.AuthorizationService.Check',
          requests: ghzChecks,
          metadata: { authorization: `Bearer ${tokens[ghzAccount]}` },
          rate,
          seconds: o.seconds,
          warmupSeconds: OPEN_LOOP_WARMUP_MS / 1000,
        });
        const sent = rate * (o.seconds + OPEN_LOOP_WARMUP_MS / 1000);
        const cpuPerCall = ((cpuSecondsOf(serverPid) - cpuBefore) * 1e6) / sent;
        const [p50, p99, p999] = [50, 99, 99.9].map((p) => percentile(res.latencies, p));
        log(
          `  Check at ${rate}/s from ghz (open loop, after ${OPEN_LOOP_WARMUP_MS / 1000} s unmeasured at the rate): ${fmt(res.callsPerSecond, 0)} calls/s, p50 ${fmt(p50)} ms, p99 ${fmt(p99)} ms, p99.9 ${fmt(p999)} ms; CPU/call server ${fmt(cpuPerCall, 0)} µs${errorsOf(res)}`,
        );
        record(`Check @${rate}/s ghz server CPU µs/call`, cpuPerCall);
        record(`Check @${rate}/s ghz p50 ms`, p50);
        record(`Check @${rate}/s ghz p99 ms`, p99);
        record(`Check @${rate}/s ghz p99.9 ms`, p999);
      }
      for (const [batch, c] of o.phases.has('batch')
        ? ([
            [100, 4],
            [1000, 2],
            [1000, 4],
          ] as const)
        : []) {
        const res = await pool.run({
          method: 'BatchCheck',
          batch,
          concurrency: c,
          seconds: o.seconds,
        });
        log(
          `  BatchCheck ${batch}/call, ${c} in flight: ${fmt(res.decisionsPerSecond, 0)} decisions/s, call p50 ${fmt(res.p50)} ms, p99 ${fmt(res.p99)} ms${errorsOf(res)}`,
        );
        record(`BatchCheck ${batch}x${c} decisions/s`, res.decisionsPerSecond);
        record(`BatchCheck ${batch}x${c} call p99 ms`, res.p99);
      }
      if (floor) {
        const c = 128;
        const res = await floor.run({ method: 'Check', concurrency: c, seconds: o.seconds });
        log(
          `  floor (grpc-js answering a constant) Check, ${c} in flight: ${fmt(res.callsPerSecond, 0)} calls/s, p50 ${fmt(res.p50)} ms, p99 ${fmt(res.p99)} ms; CPU/call server ${fmt(res.serverCpuPerCall, 0)} µs${errorsOf(res)}`,
        );
        record(`floor Check c=${c} calls/s`, res.callsPerSecond);
        record(`floor Check c=${c} server CPU µs/call`, res.serverCpuPerCall);
        const rate = OPEN_LOOP_RATE;
        const open = await floor.run({ method: 'Check', rate, seconds: o.seconds });
        log(
          `  floor Check at ${rate}/s: ${fmt(open.callsPerSecond, 0)} calls/s, p50 ${fmt(open.p50)} ms, p99 ${fmt(open.p99)} ms, p99.9 ${fmt(open.p999)} ms${errorsOf(open)}`,
        );
        record(`floor Check @${rate}/s p50 ms`, open.p50);
        record(`floor Check @${rate}/s p99 ms`, open.p99);
      }
      if (!o.phases.has('fresh')) continue;
      const f = await freshness(client, commandHttp, data, sessions, 100);
      log(
        `  write→visible (reply token → Check at_least_as_fresh): p50 ${fmt(f.p50)} ms, p99 ${fmt(f.p99)} ms; write itself p50 ${fmt(f.writeP50)} ms; group attach/detach → member p50 ${fmt(f.groupP50)} ms, max ${fmt(f.groupMax)} ms${f.wrong ? `; ${f.wrong} WRONG DECISIONS` : ''}`,
      );
      record('freshness p50 ms', f.p50);
      record('freshness p99 ms', f.p99);
      record('group change → member p50 ms', f.groupP50);
    }
    pool.close();
    floor?.close();
    client.close();
    log(
      `\nmedians of ${o.runs} runs (${o.backend}, ${data.users.length} users, ${o.groups} groups, ${o.workers} client workers):`,
    );
    for (const [key, values] of table) {
      const digits = key.endsWith('/s') ? 0 : 2;
      log(
        `  ${key.padEnd(34)} ${fmt(median(values), digits).padStart(10)}   (${values.map((v) => fmt(v, digits)).join(', ')})`,
      );
    }
    log(`  ${'errors (calls and batch items)'.padEnd(34)} ${String(errors).padStart(10)}`);
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(
      children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))),
    );
    for (const cleanup of cleanups)
      await cleanup().catch((e) => log(`cleanup: ${(e as Error).message}`));
  }
}

if (isMainThread) {
  main().then(
    () => process.exit(0),
    (e: unknown) => {
      process.stderr.write(
        `bench:check failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
      );
      process.exit(1);
    },
  );
} else {
  void runWorker();
}
