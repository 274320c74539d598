import { IamEventType } from '@portcullis/contracts';
import {
  ADMIN,
  customerArn,
  doc,
  docOfSize,
  later,
  now,
  random,
  READ_ONLY,
  Scenario,
  TRUST,
  types,
} from '../testing/account.fixture';

const ARN = customerArn('s3-read', '/team/');
const create = { policyName: 's3-read', path: '/team/', policyDocument: doc(), now, random };
const given = (setup: (a: Scenario['account']) => void = () => {}) =>
  Scenario.given((a) => {
    a.createPolicy(create);
    setup(a);
  });
const version = (policyDocument = doc('s3:PutObject'), setAsDefault = false) => ({
  policyArn: ARN,
  policyDocument,
  setAsDefault,
  now: later,
});

describe('CreatePolicy', () => {
  it('raises policy-created with an ANPA id and v1 as the default version', () => {
    const s = Scenario.given();
    const [created] = s.when((a) => a.createPolicy({ ...create, description: 'reads S3' }));
    expect(created).toEqual({
      type: IamEventType.PolicyCreated,
      sequence: 1,
      payload: {
        policyName: 's3-read',
        policyId: expect.stringMatching(/^ANPA[A-Z2-7]{17}$/),
        path: '/team/',
        arn: 'arn:aws:iam::123456789012:policy/team/s3-read',
        description: 'reads S3',
        createDate: now.toISOString(),
        version: {
          versionId: 'v1',
          document: doc(),
          isDefaultVersion: true,
          createDate: now.toISOString(),
        },
      },
    });
    expect(s.account.getPolicy(ARN)).toMatchObject({
      policyName: 's3-read',
      defaultVersionId: 'v1',
      attachmentCount: 0,
      permissionsBoundaryUsageCount: 0,
      awsManaged: false,
      isAttachable: true,
    });
  });

  it('raises policy-tagged after it when given tags', () => {
    const s = Scenario.given();
    const events = s.when((a) =>
      a.createPolicy({ ...create, tags: [{ Key: 'owner', Value: 'sec' }] }),
    );
    expect(types(events)).toEqual([IamEventType.PolicyCreated, IamEventType.PolicyTagged]);
    expect(s.account.getPolicy(ARN)?.tags).toEqual([{ Key: 'owner', Value: 'sec' }]);
  });

  it('refuses a name taken case-insensitively, whatever the path: EntityAlreadyExists', () => {
    given().rejects(
      (a) => a.createPolicy({ ...create, policyName: 'S3-Read', path: '/' }),
      'EntityAlreadyExists',
      'A policy called S3-Read already exists. Duplicate names are not allowed.',
    );
  });

  it('validates the document as an identity policy: MalformedPolicyDocument with pointer and detail', () => {
    const s = Scenario.given();
    s.rejects(
      (a) => a.createPolicy({ ...create, policyDocument: '{"Version":"2012-10-17"' }),
      'MalformedPolicyDocument',
      /^Syntax errors in policy\. \(Invalid JSON/,
    );
    s.rejects(
      (a) =>
        a.createPolicy({
          ...create,
          policyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 's3:GetObject' }],
          }),
        }),
      'MalformedPolicyDocument',
      /^Policy statement must contain resources\. \(at \/Statement\/0/,
    );
    s.rejects(
      (a) => a.createPolicy({ ...create, policyDocument: TRUST }),
      'MalformedPolicyDocument',
      /^Policy document should not specify a principal\./,
    );
  });

  it('holds a version to 6,144 characters, white space not counted: LimitExceeded', () => {
    const s = Scenario.given();
    s.when((a) =>
      a.createPolicy({
        ...create,
        policyName: 'fits',
        policyDocument: docOfSize(6144).replace(',', ',\n     '),
      }),
    );
    s.rejects(
      (a) => a.createPolicy({ ...create, policyDocument: docOfSize(6145) }),
      'LimitExceeded',
      /^Cannot exceed quota for PolicySize: 6144 \(/,
    );
  });

  it('refuses bad names, paths and descriptions: ValidationError', () => {
    const s = Scenario.given();
    s.rejects(
      (a) => a.createPolicy({ ...create, policyName: 'p'.repeat(129) }),
      'ValidationError',
      /at 'policyName'.*less than or equal to 128$/,
    );
    s.rejects(
      (a) => a.createPolicy({ ...create, path: '/no' }),
      'ValidationError',
      /^The specified value for path is invalid/,
    );
    s.rejects(
      (a) => a.createPolicy({ ...create, description: 'd'.repeat(1001) }),
      'ValidationError',
      /at 'description'/,
    );
    s.rejects(
      (a) => a.createPolicy({ ...create, policyDocument: '' }),
      'ValidationError',
      /at 'policyDocument'/,
    );
  });
});

describe('CreatePolicyVersion', () => {
  it('adds v2, not the default unless asked', () => {
    const s = given();
    const [created] = s.when((a) => a.createPolicyVersion(version()));
    expect(created).toMatchObject({
      type: IamEventType.PolicyVersionCreated,
      payload: {
        policyName: 's3-read',
        policyArn: ARN,
        version: {
          versionId: 'v2',
          isDefaultVersion: false,
          document: doc('s3:PutObject'),
          createDate: later.toISOString(),
        },
      },
    });
    expect(created.payload).not.toHaveProperty('previousDefaultVersionId');
    expect(s.account.getPolicy(ARN)?.defaultVersionId).toBe('v1');
  });

  it('as the default: names the previous default, and the new document applies', () => {
    const s = given((a) => {
      a.createUser({ userName: 'alice', now, random });
      a.attachUserPolicy({ userName: 'alice', policyArn: ARN });
    });
    const [created] = s.when((a) => a.createPolicyVersion(version(doc('s3:PutObject'), true)));
    expect(created.payload).toMatchObject({
      previousDefaultVersionId: 'v1',
      version: { isDefaultVersion: true },
    });
    expect(s.account.getPolicy(ARN)).toMatchObject({
      defaultVersionId: 'v2',
      updateDate: later.toISOString(),
    });
    expect(s.account.policiesOf('arn:aws:iam::123456789012:user/alice')?.identityPolicies).toEqual([
      expect.objectContaining({ id: ARN, versionId: 'v2', document: doc('s3:PutObject') }),
    ]);
  });

  it('never reuses a version id', () => {
    const s = given((a) => {
      a.createPolicyVersion(version());
      a.createPolicyVersion(version());
      a.deletePolicyVersion({ policyArn: ARN, versionId: 'v3' });
    });
    const [created] = s.when((a) => a.createPolicyVersion(version()));
    expect(created.payload).toMatchObject({ version: { versionId: 'v4' } });
    expect(s.account.listPolicyVersions(ARN).map((v) => v.versionId)).toEqual(['v1', 'v2', 'v4']);
    expect(s.replay().createPolicyVersion(version())[0].payload).toMatchObject({
      version: { versionId: 'v5' },
    });
  });

  it('refuses a sixth version: LimitExceeded', () => {
    const s = given((a) => {
      for (let i = 0; i < 4; i++) a.createPolicyVersion(version());
    });
    s.rejects(
      (a) => a.createPolicyVersion(version()),
      'LimitExceeded',
      'A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.',
    );
  });

  it('refuses unknown policies, malformed and oversized documents', () => {
    given().rejects(
      (a) => a.createPolicyVersion({ ...version(), policyArn: customerArn('nope') }),
      'NoSuchEntity',
      'Policy arn:aws:iam::123456789012:policy/nope was not found.',
    );
    given().rejects(
      (a) => a.createPolicyVersion({ ...version(), policyArn: customerArn('s3-read') }),
      'NoSuchEntity',
      /was not found\.$/,
    );
    given().rejects(
      (a) =>
        a.createPolicyVersion({
          ...version(),
          policyArn: 'arn:aws:iam::999999999999:policy/team/s3-read',
        }),
      'NoSuchEntity',
    );
    given().rejects(
      (a) => a.createPolicyVersion(version('{"Statement":[]}')),
      'MalformedPolicyDocument',
    );
    given().rejects(
      (a) => a.createPolicyVersion(version(docOfSize(7000))),
      'LimitExceeded',
      /^Cannot exceed quota for PolicySize: 6144/,
    );
    given().rejects(
      (a) => a.createPolicyVersion({ ...version(), policyArn: 'not-an-arn-but-long-enough' }),
      'InvalidInput',
      'ARN not-an-arn-but-long-enough is not valid.',
    );
    given().rejects(
      (a) => a.createPolicyVersion({ ...version(), policyArn: 'short' }),
      'ValidationError',
      /at 'policyArn'/,
    );
  });
});

describe('SetDefaultPolicyVersion', () => {
  it('makes a version the default, carrying its document', () => {
    const s = given((a) => a.createPolicyVersion(version()));
    const [set] = s.when((a) =>
      a.setDefaultPolicyVersion({ policyArn: ARN, versionId: 'v2', now: later }),
    );
    expect(set).toMatchObject({
      type: IamEventType.PolicyDefaultVersionSet,
      payload: {
        policyArn: ARN,
        versionId: 'v2',
        previousDefaultVersionId: 'v1',
        document: doc('s3:PutObject'),
        updateDate: later.toISOString(),
      },
    });
    expect(s.account.listPolicyVersions(ARN).map((v) => [v.versionId, v.isDefaultVersion])).toEqual(
      [
        ['v1', false],
        ['v2', true],
      ],
    );
  });

  it('raises nothing when the version already is the default', () => {
    expect(
      given().when((a) => a.setDefaultPolicyVersion({ policyArn: ARN, versionId: 'v1', now })),
    ).toEqual([]);
  });

  it('refuses unknown versions and bad version ids', () => {
    given().rejects(
      (a) => a.setDefaultPolicyVersion({ policyArn: ARN, versionId: 'v9', now }),
      'NoSuchEntity',
      `Policy ${ARN} version v9 does not exist or is not attachable.`,
    );
    given().rejects(
      (a) => a.setDefaultPolicyVersion({ policyArn: ARN, versionId: '2', now }),
      'ValidationError',
      /at 'versionId'/,
    );
  });
});

describe('DeletePolicyVersion', () => {
  it('deletes a version that is not the default', () => {
    const s = given((a) => a.createPolicyVersion(version()));
    const [deleted] = s.when((a) => a.deletePolicyVersion({ policyArn: ARN, versionId: 'v2' }));
    expect(deleted).toMatchObject({
      type: IamEventType.PolicyVersionDeleted,
      payload: { policyArn: ARN, versionId: 'v2' },
    });
  });

  it('refuses the default version: DeleteConflict', () => {
    given().rejects(
      (a) => a.deletePolicyVersion({ policyArn: ARN, versionId: 'v1' }),
      'DeleteConflict',
      'Cannot delete the default version of a policy.',
    );
  });

  it('refuses an unknown version: NoSuchEntity', () => {
    given().rejects(
      (a) => a.deletePolicyVersion({ policyArn: ARN, versionId: 'v2' }),
      'NoSuchEntity',
    );
  });
});

describe('DeletePolicy', () => {
  it('deletes a policy with only its default version, attached to nothing', () => {
    const s = given((a) => {
      a.createPolicyVersion(version(doc(), true));
      a.deletePolicyVersion({ policyArn: ARN, versionId: 'v1' });
    });
    const [deleted] = s.when((a) => a.deletePolicy({ policyArn: ARN }));
    expect(deleted).toMatchObject({
      type: IamEventType.PolicyDeleted,
      payload: { policyName: 's3-read', arn: ARN, path: '/team/', versionIds: ['v2'] },
    });
    expect(s.account.getPolicy(ARN)).toBeUndefined();
    s.when((a) => a.createPolicy(create));
    expect(s.account.getPolicy(ARN)?.defaultVersionId).toBe('v1');
  });

  it.each([
    [
      'attached to a user',
      (a: Scenario['account']) => {
        a.createUser({ userName: 'u', now, random });
        a.attachUserPolicy({ userName: 'u', policyArn: ARN });
      },
    ],
    [
      'attached to a group',
      (a: Scenario['account']) => {
        a.createGroup({ groupName: 'g', now, random });
        a.attachGroupPolicy({ groupName: 'g', policyArn: ARN });
      },
    ],
    [
      'attached to a role',
      (a: Scenario['account']) => {
        a.createRole({ roleName: 'r', assumeRolePolicyDocument: TRUST, now, random });
        a.attachRolePolicy({ roleName: 'r', policyArn: ARN });
      },
    ],
    [
      "a user's boundary",
      (a: Scenario['account']) =>
        a.createUser({ userName: 'u', permissionsBoundary: ARN, now, random }),
    ],
    [
      "a role's boundary",
      (a: Scenario['account']) =>
        a.createRole({
          roleName: 'r',
          assumeRolePolicyDocument: TRUST,
          permissionsBoundary: ARN,
          now,
          random,
        }),
    ],
  ])('refuses a policy %s: DeleteConflict', (_what, setup) => {
    given(setup).rejects(
      (a) => a.deletePolicy({ policyArn: ARN }),
      'DeleteConflict',
      'Cannot delete a policy attached to entities.',
    );
  });

  it('refuses a policy with versions other than the default: DeleteConflict', () => {
    given((a) => a.createPolicyVersion(version())).rejects(
      (a) => a.deletePolicy({ policyArn: ARN }),
      'DeleteConflict',
      "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
    );
  });
});

describe('TagPolicy / UntagPolicy', () => {
  it('tags and untags', () => {
    const s = given();
    s.when((a) => a.tagPolicy({ policyArn: ARN, tags: [{ Key: 'a', Value: '1' }] }));
    const [untagged] = s.when((a) => a.untagPolicy({ policyArn: ARN, tagKeys: ['a'] }));
    expect(untagged).toMatchObject({
      type: IamEventType.PolicyUntagged,
      payload: { policyArn: ARN, tagKeys: ['a'], resultingTags: [] },
    });
  });

  it('refuses an unknown policy and bad tags', () => {
    given().rejects((a) => a.tagPolicy({ policyArn: customerArn('x'), tags: [] }), 'NoSuchEntity');
    given().rejects(
      (a) =>
        a.tagPolicy({
          policyArn: ARN,
          tags: [
            { Key: 'x', Value: '1' },
            { Key: 'X', Value: '2' },
          ],
        }),
      'InvalidInput',
    );
  });
});

describe('AWS managed policies are read-only: UnmodifiableEntity', () => {
  it.each([
    [
      'CreatePolicyVersion',
      (a: Scenario['account']) =>
        a.createPolicyVersion({ policyArn: READ_ONLY, policyDocument: doc(), now }),
    ],
    [
      'SetDefaultPolicyVersion',
      (a: Scenario['account']) =>
        a.setDefaultPolicyVersion({ policyArn: READ_ONLY, versionId: 'v1', now }),
    ],
    [
      'DeletePolicyVersion',
      (a: Scenario['account']) => a.deletePolicyVersion({ policyArn: READ_ONLY, versionId: 'v1' }),
    ],
    ['DeletePolicy', (a: Scenario['account']) => a.deletePolicy({ policyArn: ADMIN })],
    [
      'TagPolicy',
      (a: Scenario['account']) =>
        a.tagPolicy({ policyArn: READ_ONLY, tags: [{ Key: 'k', Value: 'v' }] }),
    ],
    [
      'UntagPolicy',
      (a: Scenario['account']) => a.untagPolicy({ policyArn: READ_ONLY, tagKeys: ['k'] }),
    ],
  ])('%s', (_action, command) => {
    Scenario.given().rejects(
      command,
      'UnmodifiableEntity',
      /^Policy arn:aws:iam::aws:policy\/\w+ is an AWS managed policy and cannot be modified\.$/,
    );
  });

  it('an AWS ARN that names no AWS managed policy is NoSuchEntity', () => {
    Scenario.given().rejects(
      (a) => a.deletePolicy({ policyArn: 'arn:aws:iam::aws:policy/NoSuchThing' }),
      'NoSuchEntity',
      'Policy arn:aws:iam::aws:policy/NoSuchThing was not found.',
    );
  });

  it('a customer policy may share the name of an AWS managed policy', () => {
    const s = Scenario.given();
    s.when((a) => a.createPolicy({ ...create, policyName: 'ReadOnlyAccess', path: '/' }));
    expect(s.account.getPolicy(customerArn('ReadOnlyAccess'))?.awsManaged).toBe(false);
    expect(s.account.getPolicy(READ_ONLY)?.awsManaged).toBe(true);
  });
});
