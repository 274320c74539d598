import { IamEventType } from '@portcullis/contracts';
import { accountLimits } from '../account.limits';
import {
  ACCOUNT_ID,
  ADMIN,
  awsArn,
  customerArn,
  doc,
  groupArn,
  now,
  OPTIONS,
  random,
  READ_ONLY,
  roleArn,
  Scenario,
  TRUST,
  userArn,
  VIEW_ONLY,
} from '../testing/account.fixture';

const given = () =>
  Scenario.given((a) => {
    a.createUser({ userName: 'alice', now, random });
    a.createGroup({ groupName: 'devs', now, random });
    a.createRole({ roleName: 'app', assumeRolePolicyDocument: TRUST, now, random });
    a.createPolicy({ policyName: 'p', path: '/x/', policyDocument: doc(), now, random });
  });
const P = customerArn('p', '/x/');

/** The three entity kinds, driven alike. */
const kinds = [
  {
    kind: 'user',
    attach: (a: Scenario['account'], policyArn: string, name = 'alice') =>
      a.attachUserPolicy({ userName: name, policyArn }),
    detach: (a: Scenario['account'], policyArn: string, name = 'alice') =>
      a.detachUserPolicy({ userName: name, policyArn }),
    list: (a: Scenario['account']) => a.listAttachedUserPolicies('alice'),
    attached: IamEventType.UserPolicyAttached,
    detached: IamEventType.UserPolicyDetached,
    ref: { userName: 'alice', userArn: userArn('alice') },
    quota: 'PoliciesPerUser',
    missing: 'The user with name nobody cannot be found.',
  },
  {
    kind: 'group',
    attach: (a: Scenario['account'], policyArn: string, name = 'devs') =>
      a.attachGroupPolicy({ groupName: name, policyArn }),
    detach: (a: Scenario['account'], policyArn: string, name = 'devs') =>
      a.detachGroupPolicy({ groupName: name, policyArn }),
    list: (a: Scenario['account']) => a.listAttachedGroupPolicies('devs'),
    attached: IamEventType.GroupPolicyAttached,
    detached: IamEventType.GroupPolicyDetached,
    ref: { groupName: 'devs', groupArn: groupArn('devs') },
    quota: 'PoliciesPerGroup',
    missing: 'The group with name nobody cannot be found.',
  },
  {
    kind: 'role',
    attach: (a: Scenario['account'], policyArn: string, name = 'app') =>
      a.attachRolePolicy({ roleName: name, policyArn }),
    detach: (a: Scenario['account'], policyArn: string, name = 'app') =>
      a.detachRolePolicy({ roleName: name, policyArn }),
    list: (a: Scenario['account']) => a.listAttachedRolePolicies('app'),
    attached: IamEventType.RolePolicyAttached,
    detached: IamEventType.RolePolicyDetached,
    ref: { roleName: 'app', roleArn: roleArn('app') },
    quota: 'PoliciesPerRole',
    missing: 'The role with name nobody cannot be found.',
  },
] as const;

describe.each(kinds)('Attach/Detach $kind policy', (k) => {
  it('attaches a customer managed policy: entity and policy named in the event', () => {
    const s = given();
    const [attached] = s.when((a) => k.attach(a, P));
    expect(attached).toEqual({
      type: k.attached,
      sequence: expect.any(Number),
      payload: { ...k.ref, [`${k.kind}Id`]: expect.any(String), policyArn: P, policyName: 'p' },
    });
    expect(k.list(s.account)).toEqual([{ policyName: 'p', policyArn: P }]);
    expect(s.account.getPolicy(P)?.attachmentCount).toBe(1);
  });

  it('attaches an AWS managed policy, recording its document in the event', () => {
    const s = given();
    const [attached] = s.when((a) => k.attach(a, VIEW_ONLY));
    expect(attached.payload).toMatchObject({
      policyArn: VIEW_ONLY,
      policyName: 'ViewOnlyAccess',
      awsManagedPolicy: {
        policyArn: VIEW_ONLY,
        policyName: 'ViewOnlyAccess',
        path: '/job-function/',
        defaultVersionId: 'v3',
        document: doc('s3:List*'),
      },
    });
    expect(s.account.getPolicy(VIEW_ONLY)).toMatchObject({ attachmentCount: 1, awsManaged: true });
  });

  it('attaching again raises nothing', () => {
    const s = given();
    s.when((a) => k.attach(a, READ_ONLY));
    expect(s.when((a) => k.attach(a, READ_ONLY))).toEqual([]);
  });

  it('detaches', () => {
    const s = given();
    s.when((a) => k.attach(a, P));
    s.when((a) => k.attach(a, ADMIN));
    const [detached] = s.when((a) => k.detach(a, P));
    expect(detached).toMatchObject({
      type: k.detached,
      payload: { ...k.ref, policyArn: P, policyName: 'p' },
    });
    const [awsDetached] = s.when((a) => k.detach(a, ADMIN));
    expect(awsDetached.payload).toMatchObject({
      policyArn: ADMIN,
      policyName: 'AdministratorAccess',
    });
    expect(k.list(s.account)).toEqual([]);
    expect(s.account.getPolicy(P)?.attachmentCount).toBe(0);
  });

  it(`refuses an 11th managed policy, AWS ones counting too: LimitExceeded`, () => {
    const s = given();
    for (let i = 0; i < 9; i++) s.when((a) => k.attach(a, awsArn(i)));
    s.when((a) => k.attach(a, P));
    s.rejects(
      (a) => k.attach(a, awsArn(10)),
      'LimitExceeded',
      `Cannot exceed quota for ${k.quota}: 10`,
    );
    expect(s.when((a) => k.attach(a, awsArn(0)))).toEqual([]); // already attached: no limit hit
  });

  it('refuses policies that do not exist or cannot be attached: NoSuchEntity', () => {
    const s = given();
    for (const arn of [
      customerArn('nope'),
      customerArn('p'), // right name, wrong path
      `arn:aws:iam::999999999999:policy/x/p`, // another account's
      'arn:aws:iam::aws:policy/NoSuchAwsPolicy',
    ]) {
      s.rejects(
        (a) => k.attach(a, arn),
        'NoSuchEntity',
        `Policy ${arn} does not exist or is not attachable.`,
      );
    }
  });

  it('refuses ARNs that are not policy ARNs: InvalidInput', () => {
    given().rejects(
      (a) => k.attach(a, 'arn:aws:iam::123456789012:user/alice'),
      'InvalidInput',
      'ARN arn:aws:iam::123456789012:user/alice is not valid.',
    );
  });

  it('refuses an unknown entity: NoSuchEntity', () => {
    given().rejects((a) => k.attach(a, P, 'nobody'), 'NoSuchEntity', k.missing);
    given().rejects((a) => k.detach(a, P, 'nobody'), 'NoSuchEntity', k.missing);
  });

  it('refuses to detach what is not attached: NoSuchEntity', () => {
    given().rejects((a) => k.detach(a, P), 'NoSuchEntity', `Policy ${P} was not found.`);
    given().rejects(
      (a) => k.detach(a, READ_ONLY),
      'NoSuchEntity',
      `Policy ${READ_ONLY} was not found.`,
    );
  });
});

describe('attachment limits are configurable', () => {
  it('honours managedPoliciesPerRole', () => {
    const s = Scenario.given(
      (a) => {
        a.createRole({ roleName: 'app', assumeRolePolicyDocument: TRUST, now, random });
        a.attachRolePolicy({ roleName: 'app', policyArn: READ_ONLY });
      },
      { ...OPTIONS, limits: accountLimits({ managedPoliciesPerRole: 1 }) },
    );
    s.rejects(
      (a) => a.attachRolePolicy({ roleName: 'app', policyArn: ADMIN }),
      'LimitExceeded',
      'Cannot exceed quota for PoliciesPerRole: 1',
    );
  });

  it('without a catalogue, AWS managed policies cannot be attached', () => {
    const s = Scenario.given((a) => a.createUser({ userName: 'u', now, random }), {});
    s.rejects((a) => a.attachUserPolicy({ userName: 'u', policyArn: READ_ONLY }), 'NoSuchEntity');
  });

  it(`uses the account's own id: ${ACCOUNT_ID}`, () => {
    expect(P).toBe('arn:aws:iam::123456789012:policy/x/p');
  });
});
