import { IamEventType } from '@portcullis/contracts';
import { accountLimits } from '../account.limits';
import {
  doc,
  docOfSize,
  groupArn,
  now,
  random,
  roleArn,
  Scenario,
  TRUST,
  userArn,
} from '../testing/account.fixture';

const given = () =>
  Scenario.given((a) => {
    a.createUser({ userName: 'alice', now, random });
    a.createGroup({ groupName: 'devs', now, random });
    a.createRole({ roleName: 'app', assumeRolePolicyDocument: TRUST, now, random });
  });

const kinds = [
  {
    kind: 'user',
    name: 'alice',
    arn: userArn('alice'),
    put: (a: Scenario['account'], policyName: string, policyDocument: string, name = 'alice') =>
      a.putUserPolicy({ userName: name, policyName, policyDocument }),
    del: (a: Scenario['account'], policyName: string, name = 'alice') =>
      a.deleteUserPolicy({ userName: name, policyName }),
    list: (a: Scenario['account']) => a.listUserPolicies('alice'),
    get: (a: Scenario['account'], n: string) => a.getUserPolicy('alice', n),
    putType: IamEventType.UserPolicyPut,
    deletedType: IamEventType.UserPolicyDeleted,
    limit: 2048,
  },
  {
    kind: 'group',
    name: 'devs',
    arn: groupArn('devs'),
    put: (a: Scenario['account'], policyName: string, policyDocument: string, name = 'devs') =>
      a.putGroupPolicy({ groupName: name, policyName, policyDocument }),
    del: (a: Scenario['account'], policyName: string, name = 'devs') =>
      a.deleteGroupPolicy({ groupName: name, policyName }),
    list: (a: Scenario['account']) => a.listGroupPolicies('devs'),
    get: (a: Scenario['account'], n: string) => a.getGroupPolicy('devs', n),
    putType: IamEventType.GroupPolicyPut,
    deletedType: IamEventType.GroupPolicyDeleted,
    limit: 5120,
  },
  {
    kind: 'role',
    name: 'app',
    arn: roleArn('app'),
    put: (a: Scenario['account'], policyName: string, policyDocument: string, name = 'app') =>
      a.putRolePolicy({ roleName: name, policyName, policyDocument }),
    del: (a: Scenario['account'], policyName: string, name = 'app') =>
      a.deleteRolePolicy({ roleName: name, policyName }),
    list: (a: Scenario['account']) => a.listRolePolicies('app'),
    get: (a: Scenario['account'], n: string) => a.getRolePolicy('app', n),
    putType: IamEventType.RolePolicyPut,
    deletedType: IamEventType.RolePolicyDeleted,
    limit: 10240,
  },
] as const;

describe.each(kinds)('Put/Delete $kind policy', (k) => {
  it('puts an inline policy, named with the entity in the event', () => {
    const s = given();
    const [put] = s.when((a) => k.put(a, 'read', doc()));
    expect(put).toMatchObject({
      type: k.putType,
      payload: {
        [`${k.kind}Name`]: k.name,
        [`${k.kind}Arn`]: k.arn,
        policyName: 'read',
        policyDocument: doc(),
      },
    });
    expect(k.list(s.account)).toEqual(['read']);
    expect(k.get(s.account, 'READ')).toEqual({ policyName: 'read', policyDocument: doc() });
  });

  it('replaces the policy of the same name (case-insensitively)', () => {
    const s = given();
    s.when((a) => k.put(a, 'read', doc()));
    s.when((a) => k.put(a, 'Read', doc('s3:ListBucket')));
    expect(k.list(s.account)).toEqual(['Read']);
    expect(k.get(s.account, 'read')?.policyDocument).toBe(doc('s3:ListBucket'));
  });

  it('deletes an inline policy', () => {
    const s = given();
    s.when((a) => k.put(a, 'read', doc()));
    const [deleted] = s.when((a) => k.del(a, 'READ'));
    expect(deleted).toMatchObject({ type: k.deletedType, payload: { policyName: 'read' } });
    expect(k.list(s.account)).toEqual([]);
  });

  it('refuses to delete a policy it does not have: NoSuchEntity', () => {
    given().rejects(
      (a) => k.del(a, 'nope'),
      'NoSuchEntity',
      `The ${k.kind} policy with name nope cannot be found.`,
    );
  });

  it('refuses an unknown entity: NoSuchEntity', () => {
    given().rejects(
      (a) => k.put(a, 'p', doc(), 'nobody'),
      'NoSuchEntity',
      `The ${k.kind} with name nobody cannot be found.`,
    );
    given().rejects((a) => k.del(a, 'p', 'nobody'), 'NoSuchEntity');
  });

  it('refuses a malformed document: MalformedPolicyDocument with pointer and detail', () => {
    const bad = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject' }],
    });
    given().rejects(
      (a) => k.put(a, 'p', bad),
      'MalformedPolicyDocument',
      /^Policy statement must contain resources\. \(at \/Statement\/0: .+\)$/,
    );
    given().rejects(
      (a) => k.put(a, 'p', TRUST),
      'MalformedPolicyDocument',
      /^Policy document should not specify a principal\./,
    );
  });

  it('refuses bad policy names: ValidationError', () => {
    given().rejects((a) => k.put(a, 'p q', doc()), 'ValidationError', /at 'policyName'/);
    given().rejects(
      (a) => k.put(a, 'p'.repeat(129), doc()),
      'ValidationError',
      /at 'policyName'.*128$/,
    );
  });

  it(`holds all inline policies of the ${k.kind} together to ${k.limit} characters: LimitExceeded`, () => {
    const s = given();
    const half = Math.floor(k.limit / 2);
    s.when((a) => k.put(a, 'a', docOfSize(half)));
    s.when((a) => k.put(a, 'b', docOfSize(k.limit - half)));
    s.rejects(
      (a) => k.put(a, 'c', doc()),
      'LimitExceeded',
      new RegExp(`^Maximum policy size of ${k.limit} bytes exceeded for ${k.kind} ${k.name} \\(`),
    );
    s.when((a) => k.put(a, 'b', docOfSize(k.limit - half - 10))); // a replacement counts once
    s.rejects(
      (a) => k.put(a, 'single', docOfSize(k.limit + 1)),
      'LimitExceeded',
      new RegExp(`^Maximum policy size of ${k.limit} bytes exceeded for ${k.kind} ${k.name}`),
    );
  });
});

it('inline quotas are configurable', () => {
  const s = Scenario.given((a) => a.createUser({ userName: 'alice', now, random }), {
    limits: accountLimits({ inlinePolicySize: { user: 200 } }),
  });
  s.rejects(
    (a) => a.putUserPolicy({ userName: 'alice', policyName: 'p', policyDocument: docOfSize(201) }),
    'LimitExceeded',
    /^Maximum policy size of 200 bytes exceeded for user alice/,
  );
});
