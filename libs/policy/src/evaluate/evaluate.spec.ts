import { compilePolicy, type CompiledPolicy } from '../compile/compile-policy';
import { formatExplanation } from '../explain/format-explanation';
import type { RequestContext, Statement } from '../types';
import { evaluate, type EvaluationInput } from './evaluate';

const ACCT = '111122223333';
const OTHER = '444455556666';
const ALICE = `arn:aws:iam::${ACCT}:user/alice`;
const BOB = `arn:aws:iam::${ACCT}:user/bob`;
const ROLE = `arn:aws:iam::${ACCT}:role/DevRole`;
const SESSION = `arn:aws:sts::${ACCT}:assumed-role/DevRole/alice-session`;
const OBJECT = 'arn:aws:s3:::example-bucket/photos/cat.jpg';
const QUEUE = `arn:aws:sqs:us-west-2:${ACCT}:orders`;
const PARTNER_TOPIC = `arn:aws:sns:us-west-2:${OTHER}:partner-news`;

let counter = 0;
function policy(
  statements: Partial<Statement>[] | Partial<Statement>,
  version = '2012-10-17',
): CompiledPolicy {
  const list = Array.isArray(statements) ? statements : [statements];
  return compilePolicy(
    { Version: version, Statement: list.map((s) => ({ Effect: 'Allow', ...s })) },
    { id: `p${++counter}` },
  );
}
const allow = (Action: string | string[], Resource: string | string[] = '*'): CompiledPolicy =>
  policy({ Action: [Action].flat(), Resource: [Resource].flat() });
const deny = (Action: string | string[], Resource: string | string[] = '*'): CompiledPolicy =>
  policy({ Effect: 'Deny', Action: [Action].flat(), Resource: [Resource].flat() });
const resourcePolicy = (
  principal: Statement['Principal'],
  Action = 's3:GetObject',
  Resource = '*',
): CompiledPolicy => policy({ Principal: principal, Action: [Action], Resource: [Resource] });

function run(
  input: Omit<EvaluationInput, 'request'>,
  request: {
    principal?: string;
    action?: string;
    resource?: string;
    context?: RequestContext;
  } = {},
): ReturnType<typeof evaluate> {
  return evaluate({
    ...input,
    request: {
      principal: request.principal ?? ALICE,
      action: request.action ?? 's3:GetObject',
      resource: request.resource ?? OBJECT,
      context: request.context ?? {},
    },
  });
}
const decision = (...args: Parameters<typeof run>): string => run(...args).decision;

describe('evaluate', () => {
  describe('identity policies', () => {
    it('denies implicitly with nothing, allows with an Allow, and a Deny wins', () => {
      expect(run({})).toEqual({ decision: 'ImplicitDeny', decidedBy: null, explanation: [] });
      expect(decision({ identity: [allow('s3:GetObject')] })).toBe('Allow');
      expect(decision({ identity: [allow('s3:*'), deny('s3:Get*')] })).toBe('ExplicitDeny');
    });

    it('matches actions case-insensitively and resources case-sensitively', () => {
      expect(decision({ identity: [allow('S3:GETOBJECT', OBJECT)] })).toBe('Allow');
      expect(decision({ identity: [allow('s3:GetObject', OBJECT.toUpperCase())] })).toBe(
        'ImplicitDeny',
      );
      expect(decision({ identity: [allow('s3:Get*')] }, { action: 'S3:getobject' })).toBe('Allow');
    });

    it('supports wildcard services and actions without a service', () => {
      expect(decision({ identity: [allow('s?:Get*')] })).toBe('Allow');
      expect(decision({ identity: [allow('*:GetObject')] })).toBe('Allow');
      expect(decision({ identity: [allow('*Object')] })).toBe('Allow');
      expect(decision({ identity: [allow('sqs:*')] })).toBe('ImplicitDeny');
    });

    it('NotAction and NotResource', () => {
      expect(decision({ identity: [policy({ NotAction: ['iam:*'], Resource: ['*'] })] })).toBe(
        'Allow',
      );
      expect(
        decision(
          { identity: [policy({ NotAction: ['iam:*'], Resource: ['*'] })] },
          { action: 'iam:CreateUser' },
        ),
      ).toBe('ImplicitDeny');
      expect(
        decision({
          identity: [
            policy({ Action: ['s3:*'], NotResource: ['arn:aws:s3:::example-bucket/private/*'] }),
          ],
        }),
      ).toBe('Allow');
      expect(
        decision(
          {
            identity: [
              policy({ Action: ['s3:*'], NotResource: ['arn:aws:s3:::example-bucket/private/*'] }),
            ],
          },
          { resource: 'arn:aws:s3:::example-bucket/private/x' },
        ),
      ).toBe('ImplicitDeny');
      const denyOutside = policy([
        { Action: ['*'], Resource: ['*'] },
        { Effect: 'Deny', NotAction: ['s3:*'], NotResource: [QUEUE] },
      ]);
      expect(
        decision({ identity: [denyOutside] }, { action: 'sqs:SendMessage', resource: QUEUE }),
      ).toBe('Allow');
      expect(
        decision({ identity: [denyOutside] }, { action: 'sns:Publish', resource: QUEUE + 'x' }),
      ).toBe('ExplicitDeny');
    });

    it('treats a statement without Action as matching nothing', () => {
      expect(decision({ identity: [policy({ Resource: ['*'] })] })).toBe('ImplicitDeny');
    });

    it('ignores Principal in identity policies', () => {
      expect(
        decision({
          identity: [policy({ Principal: { AWS: [BOB] }, Action: ['s3:*'], Resource: ['*'] })],
        }),
      ).toBe('Allow');
    });

    it('resolves policy variables in Resource only under Version 2012-10-17', () => {
      const home = (version: string): CompiledPolicy =>
        policy(
          {
            Action: ['s3:GetObject'],
            Resource: ['arn:aws:s3:::example-bucket/home/${aws:username}/*'],
          },
          version,
        );
      const request = {
        resource: 'arn:aws:s3:::example-bucket/home/alice/cv.pdf',
        context: { 'aws:username': 'alice' },
      };
      expect(decision({ identity: [home('2012-10-17')] }, request)).toBe('Allow');
      expect(decision({ identity: [home('2012-10-17')] }, { ...request, context: {} })).toBe(
        'ImplicitDeny',
      );
      expect(decision({ identity: [home('2008-10-17')] }, request)).toBe('ImplicitDeny');
      expect(
        decision(
          { identity: [home('2008-10-17')] },
          { ...request, resource: 'arn:aws:s3:::example-bucket/home/${aws:username}/cv.pdf' },
        ),
      ).toBe('Allow');
    });

    it('an unresolvable variable in a Deny makes that Deny not match', () => {
      const p = policy([
        { Action: ['s3:*'], Resource: ['*'] },
        {
          Effect: 'Deny',
          Action: ['s3:*'],
          Resource: ['arn:aws:s3:::example-bucket/${aws:PrincipalTag/blocked}/*'],
        },
      ]);
      expect(decision({ identity: [p] })).toBe('Allow');
      expect(
        decision({ identity: [p] }, { context: { 'aws:PrincipalTag/blocked': 'photos' } }),
      ).toBe('ExplicitDeny');
    });

    it('applies conditions', () => {
      const p = policy({
        Action: ['s3:GetObject'],
        Resource: ['*'],
        Condition: {
          IpAddress: { 'aws:SourceIp': ['192.0.2.0/24'] },
          Bool: { 'aws:SecureTransport': ['true'] },
        },
      });
      expect(
        decision(
          { identity: [p] },
          { context: { 'aws:SourceIp': '192.0.2.1', 'aws:SecureTransport': true } },
        ),
      ).toBe('Allow');
      expect(decision({ identity: [p] }, { context: { 'aws:SourceIp': '192.0.2.1' } })).toBe(
        'ImplicitDeny',
      );
    });
  });

  describe('permissions boundaries and session policies', () => {
    it('a boundary must allow too, and its Deny wins', () => {
      const r = run({ identity: [allow('s3:*')], boundary: allow('dynamodb:*') });
      expect(r.decision).toBe('ImplicitDeny');
      expect(r.decidedBy).toBe('boundary');
      expect(decision({ identity: [allow('s3:*')], boundary: allow('s3:Get*') })).toBe('Allow');
      expect(
        decision({
          identity: [allow('s3:*')],
          boundary: policy([
            { Action: ['s3:*'], Resource: ['*'] },
            { Effect: 'Deny', Action: ['s3:GetObject'], Resource: ['*'] },
          ]),
        }),
      ).toBe('ExplicitDeny');
      // A boundary alone grants nothing.
      expect(decision({ boundary: allow('*') })).toBe('ImplicitDeny');
    });

    it('session policies must allow when present; an empty list means none', () => {
      const request = { principal: SESSION };
      expect(decision({ identity: [allow('s3:*')], session: [] }, request)).toBe('Allow');
      const r = run({ identity: [allow('s3:*')], session: [allow('sqs:*')] }, request);
      expect([r.decision, r.decidedBy]).toEqual(['ImplicitDeny', 'session']);
      // Several session policies: any of them may allow.
      expect(
        decision(
          { identity: [allow('s3:*')], session: [allow('sqs:*'), allow('s3:GetObject')] },
          request,
        ),
      ).toBe('Allow');
      expect(decision({ session: [allow('s3:*')] }, request)).toBe('ImplicitDeny');
      expect(
        decision({ identity: [allow('s3:*')], session: [deny('s3:*'), allow('s3:*')] }, request),
      ).toBe('ExplicitDeny');
    });
  });

  describe('SCPs', () => {
    it('every non-empty level must allow; empty levels are skipped', () => {
      const identity = [allow('*')];
      expect(decision({ identity, scp: [[allow('*')], [allow('s3:*')]] })).toBe('Allow');
      const r = run({ identity, scp: [[allow('*')], [allow('ec2:*')]] });
      expect([r.decision, r.decidedBy]).toEqual(['ImplicitDeny', 'scp']);
      expect(decision({ identity, scp: [[allow('*')], []] })).toBe('Allow');
      expect(decision({ identity, scp: [] })).toBe('Allow');
      // Within a level, any policy may allow.
      expect(decision({ identity, scp: [[allow('ec2:*'), allow('s3:*')]] })).toBe('Allow');
      expect(decision({ identity, scp: [[allow('*'), deny('s3:GetObject')]] })).toBe(
        'ExplicitDeny',
      );
      // SCPs grant nothing by themselves.
      expect(decision({ scp: [[allow('*')]] })).toBe('ImplicitDeny');
    });
  });

  describe('resource-based policies (same account)', () => {
    it('naming the user ARN grants, not limited by the user boundary', () => {
      const r = run({ resource: resourcePolicy({ AWS: [ALICE] }), boundary: allow('dynamodb:*') });
      expect([r.decision, r.decidedBy]).toEqual(['Allow', 'resource']);
      expect(decision({ resource: resourcePolicy({ AWS: [BOB] }) })).toBe('ImplicitDeny');
    });

    it('naming the role-session ARN grants, not limited by session policy or boundary', () => {
      const request = { principal: SESSION };
      expect(
        decision(
          { resource: resourcePolicy({ AWS: [SESSION] }), session: [allow('sqs:*')] },
          request,
        ),
      ).toBe('Allow');
      expect(
        decision(
          { resource: resourcePolicy({ AWS: [SESSION] }), boundary: allow('sqs:*') },
          request,
        ),
      ).toBe('Allow');
    });

    it('naming the role ARN grants to its sessions, limited by boundary and session policies', () => {
      const request = { principal: SESSION };
      expect(decision({ resource: resourcePolicy({ AWS: [ROLE] }) }, request)).toBe('Allow');
      const limited = run(
        { resource: resourcePolicy({ AWS: [ROLE] }), session: [allow('sqs:*')] },
        request,
      );
      expect([limited.decision, limited.decidedBy]).toEqual(['ImplicitDeny', 'session']);
      expect(
        decision({ resource: resourcePolicy({ AWS: [ROLE] }), session: [allow('s3:*')] }, request),
      ).toBe('Allow');
      const bounded = run(
        { resource: resourcePolicy({ AWS: [ROLE] }), boundary: allow('sqs:*') },
        request,
      );
      expect([bounded.decision, bounded.decidedBy]).toEqual(['ImplicitDeny', 'boundary']);
    });

    it('naming the account only delegates: the identity side must allow', () => {
      expect(decision({ resource: resourcePolicy({ AWS: [ACCT] }) })).toBe('ImplicitDeny');
      expect(decision({ resource: resourcePolicy({ AWS: [`arn:aws:iam::${ACCT}:root`] }) })).toBe(
        'ImplicitDeny',
      );
      expect(
        decision({ resource: resourcePolicy({ AWS: [ACCT] }), identity: [allow('s3:*')] }),
      ).toBe('Allow');
    });

    it('"*" grants, limited by the boundary', () => {
      expect(decision({ resource: resourcePolicy('*') })).toBe('Allow');
      expect(decision({ resource: resourcePolicy({ AWS: ['*'] }) })).toBe('Allow');
      expect(decision({ resource: resourcePolicy('*'), boundary: allow('sqs:*') })).toBe(
        'ImplicitDeny',
      );
    });

    it('service principals', () => {
      const request = { principal: 'cloudtrail.amazonaws.com', action: 's3:PutObject' };
      expect(
        decision(
          { resource: resourcePolicy({ Service: ['cloudtrail.amazonaws.com'] }, 's3:PutObject') },
          request,
        ),
      ).toBe('Allow');
      expect(
        decision(
          { resource: resourcePolicy({ Service: ['config.amazonaws.com'] }, 's3:PutObject') },
          request,
        ),
      ).toBe('ImplicitDeny');
    });

    it('a Deny naming the account denies everyone in it', () => {
      const p = policy({
        Effect: 'Deny',
        Principal: { AWS: [ACCT] },
        Action: ['s3:*'],
        Resource: ['*'],
      });
      const r = run({ resource: p, identity: [allow('*')] });
      expect([r.decision, r.decidedBy]).toEqual(['ExplicitDeny', 'resource']);
    });

    it('ignores resource-policy statements without a principal', () => {
      expect(decision({ resource: allow('s3:*') })).toBe('ImplicitDeny');
    });

    it('trust policies (no Resource element) match any resource', () => {
      const trust = policy({ Principal: { AWS: [ALICE] }, Action: ['sts:AssumeRole'] });
      expect(decision({ resource: trust }, { action: 'sts:AssumeRole', resource: ROLE })).toBe(
        'Allow',
      );
    });
  });

  describe('NotPrincipal', () => {
    const denyAllBut = (...listed: string[]): CompiledPolicy =>
      policy([
        { Principal: '*', Action: ['s3:*'], Resource: ['*'] },
        { Effect: 'Deny', NotPrincipal: { AWS: listed }, Action: ['s3:*'], Resource: ['*'] },
      ]);

    it('a Deny applies to everyone not exempted; the account must be listed with the user', () => {
      expect(decision({ resource: denyAllBut(ALICE, ACCT) })).toBe('Allow');
      expect(decision({ resource: denyAllBut(ALICE, ACCT) }, { principal: BOB })).toBe(
        'ExplicitDeny',
      );
      expect(decision({ resource: denyAllBut(ALICE) })).toBe('ExplicitDeny');
    });

    it('a role session is exempted by its role and account', () => {
      expect(decision({ resource: denyAllBut(ROLE, ACCT) }, { principal: SESSION })).toBe('Allow');
      expect(decision({ resource: denyAllBut(SESSION, ACCT) }, { principal: SESSION })).toBe(
        'ExplicitDeny',
      );
    });

    it('a Deny with NotPrincipal always denies a principal that has a permissions boundary', () => {
      expect(
        decision({
          resource: denyAllBut(ALICE, ACCT),
          identity: [allow('s3:*')],
          boundary: allow('s3:*'),
        }),
      ).toBe('ExplicitDeny');
    });

    it('an Allow with NotPrincipal grants to everyone not listed', () => {
      const p = policy({ NotPrincipal: { AWS: [BOB] }, Action: ['s3:*'], Resource: ['*'] });
      expect(decision({ resource: p })).toBe('Allow');
      expect(decision({ resource: p }, { principal: BOB })).toBe('ImplicitDeny');
    });
  });

  describe('cross-account', () => {
    const request = { action: 'sns:Publish', resource: PARTNER_TOPIC };
    const topicPolicy = policy({
      Principal: { AWS: [ALICE] },
      Action: ['sns:Publish'],
      Resource: [PARTNER_TOPIC],
    });

    it('needs both the identity policy and the resource policy', () => {
      const resourceOnly = run({ resource: topicPolicy }, request);
      expect([resourceOnly.decision, resourceOnly.decidedBy]).toEqual(['ImplicitDeny', 'identity']);
      const identityOnly = run({ identity: [allow('sns:Publish')] }, request);
      expect([identityOnly.decision, identityOnly.decidedBy]).toEqual(['ImplicitDeny', 'resource']);
      const both = run({ resource: topicPolicy, identity: [allow('sns:Publish')] }, request);
      expect([both.decision, both.decidedBy]).toEqual(['Allow', 'resource']);
    });

    it('a resource policy naming the caller account suffices on the resource side', () => {
      const p = policy({ Principal: { AWS: [ACCT] }, Action: ['sns:Publish'], Resource: ['*'] });
      expect(decision({ resource: p, identity: [allow('sns:*')] }, request)).toBe('Allow');
    });

    it('the boundary still limits the identity side', () => {
      const r = run(
        { resource: topicPolicy, identity: [allow('sns:Publish')], boundary: allow('s3:*') },
        request,
      );
      expect([r.decision, r.decidedBy]).toEqual(['ImplicitDeny', 'boundary']);
    });

    it('S3 ARNs carry no account: treated as the caller account', () => {
      expect(decision({ resource: resourcePolicy({ AWS: [ALICE] }) })).toBe('Allow');
    });

    it('AWS-owned resources and "*" are not cross-account', () => {
      const read = allow('iam:GetPolicy');
      expect(
        decision(
          { identity: [read] },
          { action: 'iam:GetPolicy', resource: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
        ),
      ).toBe('Allow');
      expect(
        decision(
          { identity: [allow('ec2:Describe*')] },
          { action: 'ec2:DescribeInstances', resource: '*' },
        ),
      ).toBe('Allow');
    });
  });

  describe('the account root user', () => {
    const ROOT = `arn:aws:iam::${ACCT}:root`;
    it('may do everything in its own account, except what is explicitly denied or outside SCPs', () => {
      const r = run({}, { principal: ROOT, resource: QUEUE, action: 'sqs:DeleteQueue' });
      expect(r.decision).toBe('Allow');
      expect(r.explanation[0]).toMatchObject({ policyId: 'aws:root-user', statementIndex: -1 });
      expect(decision({ scp: [[allow('ec2:*')]] }, { principal: ROOT })).toBe('ImplicitDeny');
      expect(decision({ scp: [[allow('*'), deny('s3:*')]] }, { principal: ROOT })).toBe(
        'ExplicitDeny',
      );
      expect(
        decision({}, { principal: ROOT, action: 'sns:Publish', resource: PARTNER_TOPIC }),
      ).toBe('ImplicitDeny');
    });
  });

  describe('explanations', () => {
    it('lists every matching statement with gate, policy, index and sid', () => {
      const identity = compilePolicy(
        {
          Version: '2012-10-17',
          Statement: [
            { Sid: 'ReadSqs', Effect: 'Allow', Action: 'sqs:Receive*', Resource: '*' },
            { Sid: 'ReadS3', Effect: 'Allow', Action: 's3:Get*', Resource: '*' },
            { Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' },
          ],
        },
        { id: 'dev-policy' },
      );
      const guard = compilePolicy(
        {
          Version: '2012-10-17',
          Statement: [{ Sid: 'NoCats', Effect: 'Deny', Action: 's3:*', Resource: '*/cat.jpg' }],
        },
        { id: 'guard' },
      );
      const scp = compilePolicy(
        { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
        { id: 'FullAWSAccess' },
      );
      const result = run({ identity: [identity], boundary: guard, scp: [[scp]] });
      expect(result.decision).toBe('ExplicitDeny');
      expect(result.decidedBy).toBe('boundary');
      expect(result.explanation).toEqual([
        {
          gate: 'scp',
          policyId: 'FullAWSAccess',
          statementIndex: 0,
          effect: 'Allow',
          reason: expect.any(String),
        },
        {
          gate: 'boundary',
          policyId: 'guard',
          statementIndex: 0,
          sid: 'NoCats',
          effect: 'Deny',
          reason: expect.stringContaining('"*/cat.jpg"'),
        },
        {
          gate: 'identity',
          policyId: 'dev-policy',
          statementIndex: 1,
          sid: 'ReadS3',
          effect: 'Allow',
          reason: expect.stringContaining('Action ["s3:Get*"]'),
        },
        {
          gate: 'identity',
          policyId: 'dev-policy',
          statementIndex: 2,
          sid: 'All',
          effect: 'Allow',
          reason: expect.any(String),
        },
      ]);
      expect(Object.isFrozen(result.explanation[0])).toBe(true);
    });

    it('formats a readable account of the decision', () => {
      const identity = compilePolicy(
        {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'Finance',
              Effect: 'Allow',
              Action: ['s3:GetObject', 's3:PutObject', 's3:ListBucket', 's3:DeleteObject'],
              Resource: 'arn:aws:s3:::example-bucket/*',
              Condition: { StringEquals: { 'aws:PrincipalTag/department': 'finance' } },
            },
          ],
        },
        { id: 'finance' },
      );
      const request = {
        principal: ALICE,
        action: 's3:GetObject',
        resource: OBJECT,
        context: { 'aws:PrincipalTag/department': 'finance' },
      };
      const result = evaluate({ identity: [identity], request });
      expect(formatExplanation(result, request)).toBe(
        [
          `${ALICE} → s3:GetObject on ${OBJECT}`,
          'Allow (decided by identity): Allowed by an identity-based policy.',
          '  [identity] finance statement 0 (Finance): Allow Action ["s3:GetObject", "s3:PutObject", "s3:ListBucket", … +1 more]; ' +
            'Resource ["arn:aws:s3:::example-bucket/*"]; conditions held: StringEquals aws:PrincipalTag/department',
        ].join('\n'),
      );
      const denied = evaluate({ identity: [identity], request: { ...request, context: {} } });
      expect(formatExplanation(denied)).toBe(
        'ImplicitDeny: Implicitly denied: no policy allows the request.\n  no statement matched',
      );
    });

    it('keeps document order across service-indexed and generic statements', () => {
      const p = policy([
        { Action: ['*'], Resource: ['*'] },
        { Action: ['s3:GetObject'], Resource: ['*'] },
        { NotAction: ['iam:*'], Resource: ['*'] },
        { Action: ['sqs:*'], Resource: ['*'] },
        { Action: ['s3:Get*'], Resource: ['*'] },
      ]);
      expect(run({ identity: [p] }).explanation.map((m) => m.statementIndex)).toEqual([0, 1, 2, 4]);
      expect(
        run({ identity: [p] }, { action: 'ec2:RunInstances' }).explanation.map(
          (m) => m.statementIndex,
        ),
      ).toEqual([0, 2]);
    });
  });

  it('reads context key names case-insensitively and tolerates a missing context', () => {
    const p = policy({
      Action: ['s3:*'],
      Resource: ['*'],
      Condition: { StringEquals: { 'aws:RequestedRegion': ['us-west-2'] } },
    });
    expect(decision({ identity: [p] }, { context: { 'AWS:requestedregion': 'us-west-2' } })).toBe(
      'Allow',
    );
    expect(
      evaluate({
        identity: [p],
        request: { principal: ALICE, action: 's3:GetObject', resource: OBJECT },
      }).decision,
    ).toBe('ImplicitDeny');
  });
});
