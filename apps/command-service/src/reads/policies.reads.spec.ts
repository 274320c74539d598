import {
  ADMIN,
  awsArn,
  customerArn,
  doc,
  later,
  now,
  random,
  READ_ONLY,
  TRUST,
  VIEW_ONLY,
} from '@portcullis/domain/account/testing/account.fixture';
import { readFixture, type ReadFixture } from './testing/read-fixture';

const P = customerArn('p');
const Q = customerArn('q', '/team/');
/** A customer policy named like an AWS managed one. */
const MINE = customerArn('ReadOnlyAccess');

type Named = { PolicyName: string; Arn: string }[];

async function given(): Promise<ReadFixture> {
  const f = await readFixture();
  const a = f.account;
  a.createUser({ userName: 'alice', path: '/eng/', now, random });
  a.createUser({ userName: 'bob', now, random });
  a.createGroup({ groupName: 'devs', now, random });
  a.createRole({ roleName: 'app', assumeRolePolicyDocument: TRUST, now, random });
  a.createPolicy({
    policyName: 'p',
    policyDocument: doc('s3:GetObject'),
    description: 'reads reports',
    tags: [{ Key: 'owner', Value: 'data' }],
    now,
    random,
  });
  a.createPolicy({ policyName: 'q', path: '/team/', policyDocument: doc('ec2:*'), now, random });
  a.createPolicy({ policyName: 'ReadOnlyAccess', policyDocument: doc('s3:List*'), now, random });
  a.createPolicyVersion({
    policyArn: P,
    policyDocument: doc('s3:*'),
    setAsDefault: true,
    now: later,
  });
  a.createPolicyVersion({ policyArn: P, policyDocument: doc('s3:Put*'), now: later });
  a.attachUserPolicy({ userName: 'alice', policyArn: P });
  a.attachUserPolicy({ userName: 'bob', policyArn: P });
  a.attachGroupPolicy({ groupName: 'devs', policyArn: P });
  a.attachRolePolicy({ roleName: 'app', policyArn: P });
  a.attachGroupPolicy({ groupName: 'devs', policyArn: READ_ONLY });
  a.putUserPermissionsBoundary({ userName: 'bob', permissionsBoundary: P });
  a.putUserPermissionsBoundary({ userName: 'alice', permissionsBoundary: ADMIN });
  a.takePending();
  return f;
}

describe('managed policy reads', () => {
  let f: ReadFixture;
  beforeAll(async () => (f = await given()));

  it('GetPolicy answers a customer policy with counts, description and tags', async () => {
    expect(await f.ok('GetPolicy', { PolicyArn: P })).toEqual({
      Policy: {
        PolicyName: 'p',
        PolicyId: expect.stringMatching(/^ANPA/),
        Arn: P,
        Path: '/',
        DefaultVersionId: 'v2',
        AttachmentCount: 4,
        PermissionsBoundaryUsageCount: 1,
        IsAttachable: true,
        Description: 'reads reports',
        CreateDate: now.toISOString(),
        UpdateDate: later.toISOString(),
        Tags: [{ Key: 'owner', Value: 'data' }],
      },
    });
  });

  it('GetPolicy answers an AWS managed policy', async () => {
    expect(await f.ok('GetPolicy', { PolicyArn: VIEW_ONLY })).toEqual({
      Policy: {
        PolicyName: 'ViewOnlyAccess',
        Arn: VIEW_ONLY,
        Path: '/job-function/',
        DefaultVersionId: 'v3',
        AttachmentCount: 0,
        PermissionsBoundaryUsageCount: 0,
        IsAttachable: true,
      },
    });
  });

  it('ListPolicies: Scope Local, AWS, All (default), by name, without description or tags', async () => {
    const local = await f.ok('ListPolicies', { Scope: 'Local' });
    expect((local.Policies as Named).map((p) => p.PolicyName)).toEqual([
      'p',
      'q',
      'ReadOnlyAccess',
    ]);
    expect((local.Policies as object[])[0]).not.toHaveProperty('Description');
    expect((local.Policies as object[])[0]).not.toHaveProperty('Tags');
    const aws = await f.ok('ListPolicies', { Scope: 'AWS' });
    expect(aws.Policies as Named).toHaveLength(15);
    expect((aws.Policies as Named).every((p) => p.Arn.startsWith('arn:aws:iam::aws:policy/'))).toBe(
      true,
    );
    const all = await f.ok('ListPolicies', {});
    expect(all.Policies as Named).toHaveLength(18);
    // Same name in both scopes: both listed, ordered by ARN.
    expect(
      (all.Policies as Named).filter((p) => p.PolicyName === 'ReadOnlyAccess').map((p) => p.Arn),
    ).toEqual([MINE, READ_ONLY]);
  });

  it('ListPolicies: OnlyAttached, PolicyUsageFilter and PathPrefix', async () => {
    const attached = await f.ok('ListPolicies', { OnlyAttached: true });
    expect((attached.Policies as Named).map((p) => p.Arn)).toEqual([P, READ_ONLY]);
    const attachedAws = await f.ok('ListPolicies', { Scope: 'AWS', OnlyAttached: true });
    expect((attachedAws.Policies as Named).map((p) => p.Arn)).toEqual([READ_ONLY]);
    const boundaries = await f.ok('ListPolicies', {
      OnlyAttached: true,
      PolicyUsageFilter: 'PermissionsBoundary',
    });
    expect((boundaries.Policies as Named).map((p) => p.Arn)).toEqual([ADMIN, P]);
    const team = await f.ok('ListPolicies', { PathPrefix: '/team/' });
    expect((team.Policies as Named).map((p) => p.Arn)).toEqual([Q]);
    const jobs = await f.ok('ListPolicies', { Scope: 'AWS', PathPrefix: '/job-function/' });
    expect((jobs.Policies as Named).map((p) => p.Arn)).toEqual([VIEW_ONLY]);
  });

  it('ListPolicies pages through customer and AWS managed policies without repeats', async () => {
    const seen: string[] = [];
    let marker: string | undefined;
    let calls = 0;
    do {
      const page = await f.ok('ListPolicies', { MaxItems: 4, ...(marker && { Marker: marker }) });
      seen.push(...(page.Policies as Named).map((p) => p.Arn));
      marker = page.IsTruncated ? (page.Marker as string) : undefined;
      calls++;
    } while (marker);
    expect(calls).toBe(5);
    expect(new Set(seen).size).toBe(18);
    expect(seen).toContain(awsArn(11));
  });

  it('GetPolicyVersion answers the document; ListPolicyVersions lists newest first without it', async () => {
    expect(await f.ok('GetPolicyVersion', { PolicyArn: P, VersionId: 'v1' })).toEqual({
      PolicyVersion: {
        Document: doc('s3:GetObject'),
        VersionId: 'v1',
        IsDefaultVersion: false,
        CreateDate: now.toISOString(),
      },
    });
    expect(await f.ok('GetPolicyVersion', { PolicyArn: READ_ONLY, VersionId: 'v3' })).toEqual({
      PolicyVersion: { Document: doc('s3:Get*'), VersionId: 'v3', IsDefaultVersion: true },
    });
    const first = await f.ok('ListPolicyVersions', { PolicyArn: P, MaxItems: 2 });
    expect(first).toEqual({
      Versions: [
        { VersionId: 'v3', IsDefaultVersion: false, CreateDate: later.toISOString() },
        { VersionId: 'v2', IsDefaultVersion: true, CreateDate: later.toISOString() },
      ],
      IsTruncated: true,
      Marker: expect.any(String),
    });
    expect(await f.ok('ListPolicyVersions', { PolicyArn: P, Marker: first.Marker })).toEqual({
      Versions: [{ VersionId: 'v1', IsDefaultVersion: false, CreateDate: now.toISOString() }],
      IsTruncated: false,
    });
  });

  it('ListEntitiesForPolicy: attached groups, users and roles, and boundaries, with filters', async () => {
    expect(await f.ok('ListEntitiesForPolicy', { PolicyArn: P })).toEqual({
      PolicyGroups: [{ GroupName: 'devs', GroupId: expect.stringMatching(/^AGPA/) }],
      PolicyUsers: [
        { UserName: 'alice', UserId: expect.stringMatching(/^AIDA/) },
        { UserName: 'bob', UserId: expect.stringMatching(/^AIDA/) },
      ],
      PolicyRoles: [{ RoleName: 'app', RoleId: expect.stringMatching(/^AROA/) }],
      IsTruncated: false,
    });
    const boundary = await f.ok('ListEntitiesForPolicy', {
      PolicyArn: P,
      PolicyUsageFilter: 'PermissionsBoundary',
    });
    expect(boundary).toMatchObject({
      PolicyGroups: [],
      PolicyUsers: [{ UserName: 'bob' }],
      PolicyRoles: [],
    });
    expect(
      await f.ok('ListEntitiesForPolicy', {
        PolicyArn: P,
        EntityFilter: 'User',
        PathPrefix: '/eng/',
      }),
    ).toMatchObject({ PolicyGroups: [], PolicyUsers: [{ UserName: 'alice' }], PolicyRoles: [] });
    expect(
      await f.ok('ListEntitiesForPolicy', { PolicyArn: P, EntityFilter: 'AWSManagedPolicy' }),
    ).toMatchObject({ PolicyGroups: [], PolicyUsers: [], PolicyRoles: [] });
    expect(await f.ok('ListEntitiesForPolicy', { PolicyArn: READ_ONLY })).toMatchObject({
      PolicyGroups: [{ GroupName: 'devs' }],
    });
  });

  it('ListEntitiesForPolicy pages across its three lists', async () => {
    const first = await f.ok('ListEntitiesForPolicy', { PolicyArn: P, MaxItems: 2 });
    expect(first).toMatchObject({
      PolicyGroups: [{ GroupName: 'devs' }],
      PolicyUsers: [{ UserName: 'alice' }],
      PolicyRoles: [],
      IsTruncated: true,
    });
    expect(
      await f.ok('ListEntitiesForPolicy', { PolicyArn: P, MaxItems: 2, Marker: first.Marker }),
    ).toMatchObject({
      PolicyGroups: [],
      PolicyUsers: [{ UserName: 'bob' }],
      PolicyRoles: [{ RoleName: 'app' }],
      IsTruncated: false,
    });
  });

  it('ListPolicyTags answers a policy tags', async () => {
    expect(await f.ok('ListPolicyTags', { PolicyArn: P })).toEqual({
      Tags: [{ Key: 'owner', Value: 'data' }],
      IsTruncated: false,
    });
    expect(await f.ok('ListPolicyTags', { PolicyArn: READ_ONLY })).toEqual({
      Tags: [],
      IsTruncated: false,
    });
  });

  it('answers NoSuchEntity for a missing policy or version', async () => {
    const nope = customerArn('nope');
    const missing = { Code: 'NoSuchEntity', Message: `Policy ${nope} was not found.` };
    for (const action of [
      'GetPolicy',
      'ListPolicyVersions',
      'ListEntitiesForPolicy',
      'ListPolicyTags',
    ]) {
      expect(await f.fails(action, { PolicyArn: nope })).toEqual(missing);
    }
    expect(await f.fails('GetPolicyVersion', { PolicyArn: nope, VersionId: 'v1' })).toEqual(
      missing,
    );
    expect(await f.fails('GetPolicyVersion', { PolicyArn: P, VersionId: 'v9' })).toEqual({
      Code: 'NoSuchEntity',
      Message: `Policy ${P} version v9 does not exist or is not attachable.`,
    });
    expect(
      await f.fails('GetPolicy', { PolicyArn: 'arn:aws:iam::aws:policy/NoSuchAwsPolicy' }),
    ).toMatchObject({ Code: 'NoSuchEntity' });
  });
});
