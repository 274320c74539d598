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
  types,
} from '../testing/account.fixture';

const role = { roleName: 'app', assumeRolePolicyDocument: TRUST, now, random };

describe('CreateRole', () => {
  it('raises role-created with an AROA id, the trust policy and defaults', () => {
    const s = Scenario.given();
    const [created] = s.when((a) => a.createRole({ ...role, path: '/svc/' }));
    expect(created).toEqual({
      type: IamEventType.RoleCreated,
      sequence: 1,
      payload: {
        roleName: 'app',
        roleId: expect.stringMatching(/^AROA[A-Z2-7]{17}$/),
        path: '/svc/',
        arn: roleArn('app', '/svc/'),
        createDate: now.toISOString(),
        assumeRolePolicyDocument: TRUST,
        maxSessionDuration: 3600,
      },
    });
    expect(s.account.getRole('APP')).toMatchObject({
      roleName: 'app',
      maxSessionDuration: 3600,
      tags: [],
    });
  });

  it('takes a description, a session duration, tags and a boundary', () => {
    const s = Scenario.given();
    const events = s.when((a) =>
      a.createRole({
        ...role,
        description: 'Runs the app\n(prod)',
        maxSessionDuration: 43200,
        tags: [{ Key: 'env', Value: 'prod' }],
        permissionsBoundary: READ_ONLY,
      }),
    );
    expect(types(events)).toEqual([
      IamEventType.RoleCreated,
      IamEventType.RoleTagged,
      IamEventType.RolePermissionsBoundaryPut,
    ]);
    expect(s.account.getRole('app')).toMatchObject({
      description: 'Runs the app\n(prod)',
      maxSessionDuration: 43200,
      tags: [{ Key: 'env', Value: 'prod' }],
      permissionsBoundaryArn: READ_ONLY,
    });
  });

  it('refuses a name taken case-insensitively: EntityAlreadyExists', () => {
    const s = Scenario.given((a) => a.createRole(role));
    s.rejects(
      (a) => a.createRole({ ...role, roleName: 'App' }),
      'EntityAlreadyExists',
      'Role with name App already exists.',
    );
  });

  it.each([
    [
      'a 65-character name',
      { roleName: 'r'.repeat(65) },
      /at 'roleName' failed to satisfy constraint: Member must have length less than or equal to 64$/,
    ],
    [
      'a session of 3599 s',
      { maxSessionDuration: 3599 },
      "1 validation error detected: Value '3599' at 'maxSessionDuration' failed to satisfy constraint: Member must have value greater than or equal to 3600",
    ],
    [
      'a session of 43201 s',
      { maxSessionDuration: 43201 },
      /Member must have value less than or equal to 43200$/,
    ],
    ['a session of 3600.5 s', { maxSessionDuration: 3600.5 }, /Member must be an integer$/],
    [
      'a 1001-character description',
      { description: 'd'.repeat(1001) },
      /at 'description' failed to satisfy constraint: Member must have length less than or equal to 1000$/,
    ],
    [
      'a description with a control character',
      { description: 'a\u0000b' },
      /at 'description' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    ],
    ['an empty trust policy', { assumeRolePolicyDocument: '' }, /at 'assumeRolePolicyDocument'/],
  ])('refuses %s: ValidationError', (_what, change, message) => {
    Scenario.given().rejects(
      (a) => a.createRole({ ...role, ...change }),
      'ValidationError',
      message,
    );
  });

  it('accepts the bounds: a 1000-character description, 3600 and 43200 s', () => {
    const s = Scenario.given();
    s.when((a) =>
      a.createRole({ ...role, description: 'd'.repeat(1000), maxSessionDuration: 3600 }),
    );
    s.when((a) => a.createRole({ ...role, roleName: 'b', maxSessionDuration: 43200 }));
  });

  it('validates the trust policy as a trust policy: MalformedPolicyDocument with the pointer', () => {
    const s = Scenario.given();
    s.rejects(
      (a) => a.createRole({ ...role, assumeRolePolicyDocument: '{not json' }),
      'MalformedPolicyDocument',
      /^This policy contains invalid Json/,
    );
    s.rejects(
      (a) =>
        a.createRole({
          ...role,
          assumeRolePolicyDocument: TRUST.replace('"Action"', '"Resource":"*","Action"'),
        }),
      'MalformedPolicyDocument',
      /^Has prohibited field Resource \(at \/Statement\/0\/Resource/,
    );
    const noPrincipal = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }],
    });
    s.rejects(
      (a) => a.createRole({ ...role, assumeRolePolicyDocument: noPrincipal }),
      'MalformedPolicyDocument',
      /^Missing required field Principal/,
    );
  });

  it('refuses a trust policy over 2,048 characters: LimitExceeded', () => {
    const principals = Array.from(
      { length: 100 },
      (_, i) => `arn:aws:iam::${String(100000000000 + i)}:root`,
    );
    const big = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: principals }, Action: 'sts:AssumeRole' }],
    });
    Scenario.given().rejects(
      (a) => a.createRole({ ...role, assumeRolePolicyDocument: big }),
      'LimitExceeded',
      /^Cannot exceed quota for ACLSizePerRole: 2048/,
    );
  });

  it('refuses an unknown boundary and raises nothing', () => {
    const s = Scenario.given();
    s.rejects(
      (a) => a.createRole({ ...role, permissionsBoundary: customerArn('b') }),
      'NoSuchEntity',
      /does not exist or is not attachable\.$/,
    );
    expect(s.account.listRoles()).toEqual([]);
  });
});

describe('UpdateAssumeRolePolicy', () => {
  const given = () => Scenario.given((a) => a.createRole(role));
  const other = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'sts:AssumeRole' }],
  });

  it('replaces the trust policy', () => {
    const s = given();
    const [updated] = s.when((a) =>
      a.updateAssumeRolePolicy({ roleName: 'app', policyDocument: other }),
    );
    expect(updated).toMatchObject({
      type: IamEventType.RoleTrustPolicyUpdated,
      payload: { roleName: 'app', roleArn: roleArn('app'), assumeRolePolicyDocument: other },
    });
    expect(s.account.getRole('app')?.assumeRolePolicyDocument).toBe(other);
  });

  it('refuses an unknown role and a malformed policy', () => {
    given().rejects(
      (a) => a.updateAssumeRolePolicy({ roleName: 'x', policyDocument: other }),
      'NoSuchEntity',
      'The role with name x cannot be found.',
    );
    given().rejects(
      (a) => a.updateAssumeRolePolicy({ roleName: 'app', policyDocument: doc('iam:*') }),
      'MalformedPolicyDocument',
    );
  });
});

describe('UpdateRole', () => {
  const given = () => Scenario.given((a) => a.createRole({ ...role, description: 'old' }));

  it('changes what is given and keeps the rest', () => {
    const s = given();
    const [updated] = s.when((a) => a.updateRole({ roleName: 'app', maxSessionDuration: 7200 }));
    expect(updated.payload).toMatchObject({
      roleName: 'app',
      description: 'old',
      maxSessionDuration: 7200,
    });
    s.when((a) => a.updateRole({ roleName: 'app', description: '' }));
    expect(s.account.getRole('app')).toMatchObject({ description: '', maxSessionDuration: 7200 });
  });

  it('raises nothing when nothing changes', () => {
    expect(given().when((a) => a.updateRole({ roleName: 'app', description: 'old' }))).toEqual([]);
  });

  it('refuses bad input and unknown roles', () => {
    given().rejects(
      (a) => a.updateRole({ roleName: 'app', maxSessionDuration: 60 }),
      'ValidationError',
      /maxSessionDuration/,
    );
    given().rejects((a) => a.updateRole({ roleName: 'nope', description: 'x' }), 'NoSuchEntity');
  });
});

describe('DeleteRole', () => {
  it('deletes a role without policies, its boundary with it', () => {
    const s = Scenario.given((a) => a.createRole({ ...role, permissionsBoundary: ADMIN }));
    const [deleted] = s.when((a) => a.deleteRole({ roleName: 'APP' }));
    expect(deleted).toMatchObject({
      type: IamEventType.RoleDeleted,
      payload: { roleName: 'app', arn: roleArn('app'), permissionsBoundaryArn: ADMIN },
    });
    expect(s.account.getRole('app')).toBeUndefined();
  });

  it.each([
    ['an inline policy', 'Cannot delete entity, must delete policies first.'],
    ['an attached policy', 'Cannot delete entity, must detach all policies first.'],
  ])('refuses a role with %s: DeleteConflict', (what, message) => {
    const s = Scenario.given((a) => {
      a.createRole(role);
      if (what === 'an inline policy')
        a.putRolePolicy({ roleName: 'app', policyName: 'p', policyDocument: doc() });
      else a.attachRolePolicy({ roleName: 'app', policyArn: READ_ONLY });
    });
    s.rejects((a) => a.deleteRole({ roleName: 'app' }), 'DeleteConflict', message);
  });

  it('refuses an unknown role: NoSuchEntity', () => {
    Scenario.given().rejects(
      (a) => a.deleteRole({ roleName: 'app' }),
      'NoSuchEntity',
      'The role with name app cannot be found.',
    );
  });
});

describe('TagRole / UntagRole', () => {
  it('tags and untags, with the resulting set in each event', () => {
    const s = Scenario.given((a) => a.createRole(role));
    const [tagged] = s.when((a) =>
      a.tagRole({
        roleName: 'app',
        tags: [
          { Key: 'a', Value: '1' },
          { Key: 'b', Value: '2' },
        ],
      }),
    );
    expect(tagged).toMatchObject({
      type: IamEventType.RoleTagged,
      payload: { roleArn: roleArn('app') },
    });
    const [untagged] = s.when((a) => a.untagRole({ roleName: 'app', tagKeys: ['B'] }));
    expect(untagged).toMatchObject({
      type: IamEventType.RoleUntagged,
      payload: { resultingTags: [{ Key: 'a', Value: '1' }] },
    });
    expect(s.account.getRole('app')?.tags).toEqual([{ Key: 'a', Value: '1' }]);
  });

  it('refuses bad tags, too many and unknown roles', () => {
    const s = Scenario.given((a) =>
      a.createRole({
        ...role,
        tags: Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: '' })),
      }),
    );
    s.rejects(
      (a) => a.tagRole({ roleName: 'app', tags: [{ Key: 'one-more', Value: '' }] }),
      'LimitExceeded',
    );
    s.rejects(
      (a) => a.tagRole({ roleName: 'app', tags: [{ Key: 'aws:x', Value: '' }] }),
      'InvalidInput',
    );
    s.rejects(
      (a) => a.untagRole({ roleName: 'nope', tagKeys: ['k'] }),
      'NoSuchEntity',
      'The role with name nope cannot be found.',
    );
  });
});
