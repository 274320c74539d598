import { IamEventType } from '@portcullis/contracts';
import {
  ADMIN,
  customerArn,
  doc,
  now,
  random,
  READ_ONLY,
  roleArn,
  Scenario,
  TRUST,
  userArn,
} from '../testing/account.fixture';

const P = customerArn('boundary');
const given = () =>
  Scenario.given((a) => {
    a.createUser({ userName: 'alice', now, random });
    a.createRole({ roleName: 'app', assumeRolePolicyDocument: TRUST, now, random });
    a.createPolicy({ policyName: 'boundary', policyDocument: doc('s3:*'), now, random });
  });

const kinds = [
  {
    kind: 'user',
    arn: userArn('alice'),
    put: (a: Scenario['account'], arn: string, name = 'alice') =>
      a.putUserPermissionsBoundary({ userName: name, permissionsBoundary: arn }),
    del: (a: Scenario['account'], name = 'alice') =>
      a.deleteUserPermissionsBoundary({ userName: name }),
    view: (a: Scenario['account']) => a.getUser('alice'),
    putType: IamEventType.UserPermissionsBoundaryPut,
    deletedType: IamEventType.UserPermissionsBoundaryDeleted,
  },
  {
    kind: 'role',
    arn: roleArn('app'),
    put: (a: Scenario['account'], arn: string, name = 'app') =>
      a.putRolePermissionsBoundary({ roleName: name, permissionsBoundary: arn }),
    del: (a: Scenario['account'], name = 'app') =>
      a.deleteRolePermissionsBoundary({ roleName: name }),
    view: (a: Scenario['account']) => a.getRole('app'),
    putType: IamEventType.RolePermissionsBoundaryPut,
    deletedType: IamEventType.RolePermissionsBoundaryDeleted,
  },
] as const;

describe.each(kinds)('Put/Delete $kind permissions boundary', (k) => {
  it('sets a customer managed policy as the boundary', () => {
    const s = given();
    const [put] = s.when((a) => k.put(a, P));
    expect(put).toMatchObject({
      type: k.putType,
      payload: { [`${k.kind}Arn`]: k.arn, permissionsBoundaryArn: P },
    });
    expect(put.payload).not.toHaveProperty('previousPermissionsBoundaryArn');
    expect(k.view(s.account)?.permissionsBoundaryArn).toBe(P);
    expect(s.account.getPolicy(P)).toMatchObject({
      permissionsBoundaryUsageCount: 1,
      attachmentCount: 0,
    });
    expect(s.account.policiesOf(k.arn)?.permissionsBoundary).toEqual({
      id: P,
      kind: 'managed',
      document: doc('s3:*'),
      via: k.arn,
      versionId: 'v1',
      awsManaged: false,
    });
  });

  it('replaces it with an AWS managed policy, naming the previous one', () => {
    const s = given();
    s.when((a) => k.put(a, P));
    const [put] = s.when((a) => k.put(a, ADMIN));
    expect(put.payload).toMatchObject({
      permissionsBoundaryArn: ADMIN,
      previousPermissionsBoundaryArn: P,
      awsManagedPolicy: { policyName: 'AdministratorAccess' },
    });
    expect(s.account.getPolicy(P)?.permissionsBoundaryUsageCount).toBe(0);
    expect(s.account.listEntitiesForPolicy(ADMIN)).toMatchObject({
      [k.kind === 'user' ? 'boundaryUsers' : 'boundaryRoles']: [
        expect.objectContaining({ arn: k.arn }),
      ],
    });
  });

  it('putting the same boundary again raises nothing', () => {
    const s = given();
    s.when((a) => k.put(a, READ_ONLY));
    expect(s.when((a) => k.put(a, READ_ONLY))).toEqual([]);
  });

  it('a boundary does not count towards attached policies', () => {
    const s = given();
    s.when((a) => k.put(a, P));
    expect(s.account.getPolicy(P)?.attachmentCount).toBe(0);
    expect(s.account.policiesOf(k.arn)?.identityPolicies).toEqual([]);
  });

  it('deletes the boundary', () => {
    const s = given();
    s.when((a) => k.put(a, P));
    const [deleted] = s.when((a) => k.del(a));
    expect(deleted).toMatchObject({ type: k.deletedType, payload: { permissionsBoundaryArn: P } });
    expect(k.view(s.account)).not.toHaveProperty('permissionsBoundaryArn');
    s.when((a) => a.deletePolicy({ policyArn: P }));
  });

  it('refuses to delete a boundary that is not there: NoSuchEntity', () => {
    given().rejects((a) => k.del(a), 'NoSuchEntity', /has no permissions boundary\.$/);
  });

  it('refuses unknown policies and entities', () => {
    given().rejects(
      (a) => k.put(a, customerArn('nope')),
      'NoSuchEntity',
      `Policy ${customerArn('nope')} does not exist or is not attachable.`,
    );
    given().rejects((a) => k.put(a, 'arn:aws:iam::aws:policy/Nope'), 'NoSuchEntity');
    given().rejects((a) => k.put(a, 'arn:aws:iam::123456789012:role/app'), 'InvalidInput');
    given().rejects(
      (a) => k.put(a, P, 'nobody'),
      'NoSuchEntity',
      `The ${k.kind} with name nobody cannot be found.`,
    );
    given().rejects((a) => k.del(a, 'nobody'), 'NoSuchEntity');
  });
});
