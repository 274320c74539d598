import { IamEventType } from '@portcullis/contracts';
import {
  ADMIN,
  allow,
  CommandSide,
  errorOf,
  eventsOf,
  NOW,
  policyArn,
  READ_ONLY,
  typesOf,
  userArn,
} from '../shared/testing/command-side.fixture';

const REPORTS = policyArn('reports', '/team/');

describe('managed policies (given history, when command, then events or error)', () => {
  let side: CommandSide;

  beforeEach(async () => {
    side = await CommandSide.start();
  });

  it('CreatePolicy answers AWS’s Policy from its events, and again for a retry', async () => {
    const input = {
      PolicyName: 'reports',
      Path: '/team/',
      PolicyDocument: allow('s3:GetObject'),
      Description: 'read reports',
      Tags: [{ Key: 'owner', Value: 'data' }],
    };
    const decision = await side.when('CreatePolicy', input, { commandId: 'p1' });
    expect(typesOf(decision)).toEqual([IamEventType.PolicyCreated, IamEventType.PolicyTagged]);
    const expected = {
      Policy: {
        PolicyName: 'reports',
        PolicyId: expect.stringMatching(/^ANPA[A-Z2-7]{17}$/),
        Arn: REPORTS,
        Path: '/team/',
        DefaultVersionId: 'v1',
        AttachmentCount: 0,
        PermissionsBoundaryUsageCount: 0,
        IsAttachable: true,
        Description: 'read reports',
        CreateDate: NOW.toISOString(),
        UpdateDate: NOW.toISOString(),
        Tags: [{ Key: 'owner', Value: 'data' }],
      },
    };
    expect(decision).toMatchObject({ result: expected });
    expect(await side.when('CreatePolicy', input, { commandId: 'p1' })).toMatchObject({
      kind: 'duplicate',
      result: expected,
    });
  });

  it('refuses a duplicate policy name (EntityAlreadyExists) and a malformed document', async () => {
    await side.given(['CreatePolicy', { PolicyName: 'reports', PolicyDocument: allow('s3:*') }]);
    expect(
      errorOf(
        await side.when('CreatePolicy', { PolicyName: 'REPORTS', PolicyDocument: allow('s3:*') }),
      ),
    ).toEqual({
      Code: 'EntityAlreadyExists',
      Message: 'A policy called REPORTS already exists. Duplicate names are not allowed.',
    });
    expect(
      errorOf(await side.when('CreatePolicy', { PolicyName: 'other', PolicyDocument: '{}' })).Code,
    ).toBe('MalformedPolicyDocument');
  });

  describe('versions', () => {
    beforeEach(async () => {
      await side.given([
        'CreatePolicy',
        { PolicyName: 'reports', Path: '/team/', PolicyDocument: allow('s3:GetObject') },
      ]);
    });

    it('CreatePolicyVersion as default answers AWS’s PolicyVersion; SetDefaultPolicyVersion goes back', async () => {
      const created = await side.when('CreatePolicyVersion', {
        PolicyArn: REPORTS,
        PolicyDocument: allow('s3:*'),
        SetAsDefault: true,
      });
      expect(eventsOf(created)).toMatchObject([
        {
          type: IamEventType.PolicyVersionCreated,
          payload: { version: { versionId: 'v2' }, previousDefaultVersionId: 'v1' },
        },
      ]);
      expect(created).toMatchObject({
        result: {
          PolicyVersion: { VersionId: 'v2', IsDefaultVersion: true, CreateDate: NOW.toISOString() },
        },
      });
      const back = await side.when('SetDefaultPolicyVersion', {
        PolicyArn: REPORTS,
        VersionId: 'v1',
      });
      expect(eventsOf(back)).toMatchObject([
        {
          type: IamEventType.PolicyDefaultVersionSet,
          payload: { versionId: 'v1', previousDefaultVersionId: 'v2' },
        },
      ]);
      expect(back).toMatchObject({ result: {} });
    });

    it('a sixth version is LimitExceeded', async () => {
      for (let i = 0; i < 4; i++) {
        await side.given([
          'CreatePolicyVersion',
          { PolicyArn: REPORTS, PolicyDocument: allow(`s3:Get${i}`) },
        ]);
      }
      expect(
        errorOf(
          await side.when('CreatePolicyVersion', {
            PolicyArn: REPORTS,
            PolicyDocument: allow('s3:*'),
          }),
        ),
      ).toEqual({
        Code: 'LimitExceeded',
        Message:
          'A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.',
      });
    });

    it('DeletePolicyVersion: never the default (DeleteConflict), an unknown one is NoSuchEntity', async () => {
      await side.given([
        'CreatePolicyVersion',
        { PolicyArn: REPORTS, PolicyDocument: allow('s3:*') },
      ]);
      expect(
        errorOf(await side.when('DeletePolicyVersion', { PolicyArn: REPORTS, VersionId: 'v1' })),
      ).toEqual({
        Code: 'DeleteConflict',
        Message: 'Cannot delete the default version of a policy.',
      });
      expect(
        errorOf(await side.when('DeletePolicyVersion', { PolicyArn: REPORTS, VersionId: 'v9' }))
          .Code,
      ).toBe('NoSuchEntity');
      expect(
        typesOf(await side.when('DeletePolicyVersion', { PolicyArn: REPORTS, VersionId: 'v2' })),
      ).toEqual([IamEventType.PolicyVersionDeleted]);
    });

    it.each([
      [
        'SetDefaultPolicyVersion',
        'a VersionId that is no version',
        { VersionId: 'latest' },
        'VersionId',
      ],
      ['DeletePolicyVersion', 'no VersionId', {}, 'VersionId'],
      [
        'CreatePolicyVersion',
        'SetAsDefault as text',
        { PolicyDocument: allow('s3:*'), SetAsDefault: 'yes' },
        'SetAsDefault',
      ],
      ['CreatePolicyVersion', 'no PolicyDocument', { SetAsDefault: true }, 'PolicyDocument'],
    ])('%s refuses %s with ValidationError', async (action, _what, input, field) => {
      const error = errorOf(await side.when(action, { PolicyArn: REPORTS, ...input }));
      expect(error.Code).toBe('ValidationError');
      expect(error.Details?.map((d) => d.field)).toContain(field);
    });
  });

  it('DeletePolicy conflicts while attached or with versions besides the default', async () => {
    await side.given(
      ['CreateUser', { UserName: 'alice' }],
      ['CreatePolicy', { PolicyName: 'reports', Path: '/team/', PolicyDocument: allow('s3:*') }],
      ['CreatePolicyVersion', { PolicyArn: REPORTS, PolicyDocument: allow('s3:Get*') }],
      ['AttachUserPolicy', { UserName: 'alice', PolicyArn: REPORTS }],
    );
    expect(errorOf(await side.when('DeletePolicy', { PolicyArn: REPORTS }))).toEqual({
      Code: 'DeleteConflict',
      Message: 'Cannot delete a policy attached to entities.',
    });
    await side.given(['DetachUserPolicy', { UserName: 'alice', PolicyArn: REPORTS }]);
    expect(errorOf(await side.when('DeletePolicy', { PolicyArn: REPORTS })).Code).toBe(
      'DeleteConflict',
    );
    await side.given(['DeletePolicyVersion', { PolicyArn: REPORTS, VersionId: 'v2' }]);
    const deleted = await side.when('DeletePolicy', { PolicyArn: REPORTS });
    expect(eventsOf(deleted)).toMatchObject([
      { type: IamEventType.PolicyDeleted, payload: { arn: REPORTS, versionIds: ['v1'] } },
    ]);
    expect(errorOf(await side.when('DeletePolicy', { PolicyArn: REPORTS }))).toEqual({
      Code: 'NoSuchEntity',
      Message: `Policy ${REPORTS} was not found.`,
    });
  });

  it.each([
    ['DeletePolicy', { PolicyArn: READ_ONLY }],
    ['CreatePolicyVersion', { PolicyArn: READ_ONLY, PolicyDocument: allow('s3:*') }],
    ['SetDefaultPolicyVersion', { PolicyArn: ADMIN, VersionId: 'v1' }],
    ['TagPolicy', { PolicyArn: READ_ONLY, Tags: [{ Key: 'k', Value: 'v' }] }],
    ['UntagPolicy', { PolicyArn: READ_ONLY, TagKeys: ['k'] }],
  ])('%s of an AWS managed policy is UnmodifiableEntity', async (action, input) => {
    expect(errorOf(await side.when(action, input))).toEqual({
      Code: 'UnmodifiableEntity',
      Message: `Policy ${input.PolicyArn} is an AWS managed policy and cannot be modified.`,
    });
  });

  it('TagPolicy and UntagPolicy', async () => {
    await side.given(['CreatePolicy', { PolicyName: 'p', PolicyDocument: allow('s3:*') }]);
    const tagged = await side.when('TagPolicy', {
      PolicyArn: policyArn('p'),
      Tags: [{ Key: 'owner', Value: 'data' }],
    });
    expect(eventsOf(tagged)).toMatchObject([
      { type: IamEventType.PolicyTagged, payload: { resultingTags: [{ Key: 'owner' }] } },
    ]);
    const untagged = await side.when('UntagPolicy', {
      PolicyArn: policyArn('p'),
      TagKeys: ['owner'],
    });
    expect(eventsOf(untagged)).toMatchObject([
      { type: IamEventType.PolicyUntagged, payload: { resultingTags: [] } },
    ]);
  });

  it('a user with policy rights on one path only: AccessDenied elsewhere, by the policy’s tags too', async () => {
    await side.given(
      ['CreateUser', { UserName: 'dev' }],
      [
        'PutUserPolicy',
        {
          UserName: 'dev',
          PolicyName: 'own-policies',
          PolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: ['iam:CreatePolicy', 'iam:CreatePolicyVersion'],
                Resource: policyArn('*', '/team/'),
              },
              {
                Effect: 'Deny',
                Action: 'iam:CreatePolicyVersion',
                Resource: '*',
                Condition: { StringEquals: { 'aws:ResourceTag/locked': 'true' } },
              },
            ],
          }),
        },
      ],
      [
        'CreatePolicy',
        {
          PolicyName: 'locked',
          Path: '/team/',
          PolicyDocument: allow('s3:*'),
          Tags: [{ Key: 'locked', Value: 'true' }],
        },
      ],
    );
    const actor = userArn('dev');
    const own = { PolicyName: 'mine', Path: '/team/', PolicyDocument: allow('s3:*') };
    expect(typesOf(await side.when('CreatePolicy', own, { actor }))).toEqual([
      IamEventType.PolicyCreated,
    ]);
    expect(
      errorOf(await side.when('CreatePolicy', { ...own, Path: '/other/' }, { actor })).Code,
    ).toBe('AccessDenied');
    const version = { PolicyArn: policyArn('locked', '/team/'), PolicyDocument: allow('s3:Get*') };
    expect(errorOf(await side.when('CreatePolicyVersion', version, { actor }))).toEqual({
      Code: 'AccessDenied',
      Message:
        `User: ${actor} is not authorized to perform: iam:CreatePolicyVersion on resource: ` +
        `${policyArn('locked', '/team/')} with an explicit deny in an identity-based policy`,
    });
  });
});
