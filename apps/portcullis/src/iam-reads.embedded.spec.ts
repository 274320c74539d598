import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Harness, startPortcullis } from '../../../test/support/portcullis-harness';

/**
 * The read APIs over HTTP on the all-in-one embedded app: AWS's member names, Marker/MaxItems
 * pagination that holds across writes, PathPrefix and Scope filters (with the real AWS managed
 * policy catalogue), NoSuchEntity as 404, and reads that append nothing.
 */

const ACCOUNT = '123456789012';
const arn = (type: string, pathAndName: string) => `arn:aws:iam::${ACCOUNT}:${type}${pathAndName}`;
const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const VIEW_ONLY = 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess';
const doc = (action: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }],
  });
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
  ],
});

type Body = Record<string, unknown>;
const names = (list: unknown, key: string): string[] =>
  (list as Record<string, string>[]).map((item) => item[key]);

describe('IAM read APIs over HTTP (embedded defaults)', () => {
  let dir: string;
  let h: Harness;

  /** A call that must succeed: its body. */
  const ok = async (action: string, body: Body = {}): Promise<Body> => {
    const res = await h.call(action, body);
    if (res.status !== 200) {
      throw new Error(
        `${action} ${JSON.stringify(body)}: ${res.status} ${JSON.stringify(res.body)}`,
      );
    }
    return res.body;
  };
  /** The offset of a write's (single-partition) consistency token. */
  const offsetOf = (reply: Body): number =>
    Number((reply.ConsistencyToken as string).split(',').pop()!.split(':')[1]);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'portcullis-reads-'));
    h = await startPortcullis({ IAM_DATA_DIR: dir, IAM_LOG_LEVEL: 'silent' }, ACCOUNT);
    // 40 users: u00…u39, the even ones under /eng/ (and u00–u09 under /eng/ml/).
    for (let i = 0; i < 40; i++) {
      const name = `u${String(i).padStart(2, '0')}`;
      const path = i < 10 && i % 2 === 0 ? '/eng/ml/' : i % 2 === 0 ? '/eng/' : '/';
      await ok('CreateUser', { UserName: name, Path: path });
    }
    await ok('CreateGroup', { GroupName: 'devs' });
    await ok('CreateGroup', { GroupName: 'ops', Path: '/eng/' });
    await ok('AddUserToGroup', { GroupName: 'devs', UserName: 'u01' });
    await ok('AddUserToGroup', { GroupName: 'devs', UserName: 'u02' });
    await ok('AddUserToGroup', { GroupName: 'ops', UserName: 'u02' });
    await ok('CreateRole', { RoleName: 'app', Path: '/svc/', AssumeRolePolicyDocument: TRUST });
    await ok('CreateRole', { RoleName: 'batch', AssumeRolePolicyDocument: TRUST });
    await ok('CreatePolicy', { PolicyName: 'reports', PolicyDocument: doc('s3:GetObject') });
    await ok('CreatePolicy', {
      PolicyName: 'team-ec2',
      Path: '/team/',
      PolicyDocument: doc('ec2:*'),
      Tags: [{ Key: 'owner', Value: 'platform' }],
    });
    await ok('CreatePolicyVersion', {
      PolicyArn: arn('policy', '/reports'),
      PolicyDocument: doc('s3:Get*'),
      SetAsDefault: true,
    });
    await ok('AttachUserPolicy', { UserName: 'u02', PolicyArn: READ_ONLY });
    await ok('AttachUserPolicy', { UserName: 'u02', PolicyArn: arn('policy', '/team/team-ec2') });
    await ok('AttachGroupPolicy', { GroupName: 'devs', PolicyArn: arn('policy', '/reports') });
    await ok('AttachRolePolicy', { RoleName: 'app', PolicyArn: arn('policy', '/reports') });
    await ok('PutUserPolicy', { UserName: 'u02', PolicyName: 'own', PolicyDocument: doc('sqs:*') });
    await ok('PutGroupPolicy', {
      GroupName: 'devs',
      PolicyName: 'dev',
      PolicyDocument: doc('sns:*'),
    });
    await ok('PutRolePolicy', { RoleName: 'app', PolicyName: 'r', PolicyDocument: doc('sqs:*') });
    await ok('TagUser', { UserName: 'u02', Tags: [{ Key: 'team', Value: 'ml' }] });
    await ok('TagRole', { RoleName: 'app', Tags: [{ Key: 'env', Value: 'prod' }] });
  }, 60000);

  afterAll(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('pages ListUsers with MaxItems and Marker, unshaken by writes between pages', async () => {
    const seen: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const page = await ok('ListUsers', { MaxItems: 7, ...(marker && { Marker: marker }) });
      expect(page).toEqual({
        Users: expect.any(Array),
        IsTruncated: expect.any(Boolean),
        ...(page.IsTruncated ? { Marker: expect.any(String) } : {}),
        ConsistencyToken: expect.any(String),
        ResponseMetadata: { RequestId: expect.any(String) },
      });
      seen.push(...names(page.Users, 'UserName'));
      marker = page.IsTruncated ? (page.Marker as string) : undefined;
      pages++;
      if (pages === 2) {
        // Between pages: one user added before the marker (not seen, as on AWS), one after it
        // (seen), and one not yet seen deleted (not seen); nothing repeats or is skipped.
        await ok('CreateUser', { UserName: 'u03a' });
        await ok('CreateUser', { UserName: 'u30a' });
        await ok('DeleteUser', { UserName: 'u20' });
      }
    } while (marker);
    const expected = [
      ...Array.from({ length: 40 }, (_, i) => `u${String(i).padStart(2, '0')}`).filter(
        (n) => n !== 'u20',
      ),
      'u30a',
    ].sort();
    expect(seen).toEqual(expected);
    expect(pages).toBe(6);
  });

  it('filters ListUsers, ListGroups and ListRoles by PathPrefix', async () => {
    const eng = await ok('ListUsers', { PathPrefix: '/eng/', MaxItems: 1000 });
    expect(names(eng.Users, 'UserName')).toHaveLength(19); // 20 even users, u20 deleted
    const ml = await ok('ListUsers', { PathPrefix: '/eng/ml/' });
    expect(names(ml.Users, 'UserName')).toEqual(['u00', 'u02', 'u04', 'u06', 'u08']);
    expect(names((await ok('ListGroups', { PathPrefix: '/eng/' })).Groups, 'GroupName')).toEqual([
      'ops',
    ]);
    expect(names((await ok('ListRoles', { PathPrefix: '/svc/' })).Roles, 'RoleName')).toEqual([
      'app',
    ]);
    const bad = await h.call('ListUsers', { PathPrefix: 'eng' });
    expect(bad.status).toBe(400);
    expect(bad.body.Error).toMatchObject({ Code: 'ValidationError' });
  });

  it('ListPolicies: Scope Local, AWS (the real catalogue) and All, OnlyAttached, PathPrefix', async () => {
    const local = await ok('ListPolicies', { Scope: 'Local' });
    expect(names(local.Policies, 'PolicyName')).toEqual(['reports', 'team-ec2']);
    expect((local.Policies as Body[])[0]).toMatchObject({
      PolicyName: 'reports',
      PolicyId: expect.stringMatching(/^ANPA/),
      Arn: arn('policy', '/reports'),
      DefaultVersionId: 'v2',
      AttachmentCount: 2,
      IsAttachable: true,
    });

    const aws = await ok('ListPolicies', { Scope: 'AWS', MaxItems: 1000 });
    expect(aws.IsTruncated).toBe(true); // AWS publishes well over 1,000 managed policies
    expect((aws.Policies as Body[]).length).toBe(1000);
    expect(
      (aws.Policies as Body[]).every((p) =>
        (p.Arn as string).startsWith('arn:aws:iam::aws:policy/'),
      ),
    ).toBe(true);
    const more = await ok('ListPolicies', { Scope: 'AWS', MaxItems: 1000, Marker: aws.Marker });
    expect(more.IsTruncated).toBe(false);
    const allAws = [...names(aws.Policies, 'Arn'), ...names(more.Policies, 'Arn')];
    expect(new Set(allAws).size).toBe(allAws.length);
    expect(allAws).toEqual(expect.arrayContaining([READ_ONLY, VIEW_ONLY]));

    const attached = await ok('ListPolicies', { OnlyAttached: true });
    expect(names(attached.Policies, 'Arn')).toEqual([
      READ_ONLY,
      arn('policy', '/reports'),
      arn('policy', '/team/team-ec2'),
    ]);
    const awsAttached = await ok('ListPolicies', { Scope: 'AWS', OnlyAttached: true });
    expect(names(awsAttached.Policies, 'Arn')).toEqual([READ_ONLY]);
    const jobs = await ok('ListPolicies', { Scope: 'AWS', PathPrefix: '/job-function/' });
    expect(names(jobs.Policies, 'Arn')).toContain(VIEW_ONLY);
    const all = await ok('ListPolicies', { PathPrefix: '/team/' });
    expect(names(all.Policies, 'PolicyName')).toEqual(['team-ec2']);
  });

  it("answers each read with AWS's member names", async () => {
    const policy = arn('policy', '/reports');
    const cases: [string, Body, Body][] = [
      [
        'GetUser',
        { UserName: 'u02' },
        {
          User: {
            Path: '/eng/ml/',
            UserName: 'u02',
            UserId: expect.stringMatching(/^AIDA/),
            Arn: arn('user', '/eng/ml/u02'),
            CreateDate: expect.any(String),
            Tags: [{ Key: 'team', Value: 'ml' }],
          },
        },
      ],
      [
        'GetGroup',
        { GroupName: 'devs' },
        {
          Group: {
            Path: '/',
            GroupName: 'devs',
            GroupId: expect.stringMatching(/^AGPA/),
            Arn: arn('group', '/devs'),
            CreateDate: expect.any(String),
          },
          Users: [
            expect.objectContaining({ UserName: 'u01' }),
            expect.objectContaining({ UserName: 'u02' }),
          ],
          IsTruncated: false,
        },
      ],
      [
        'ListGroups',
        {},
        {
          Groups: [
            expect.objectContaining({ GroupName: 'devs' }),
            expect.objectContaining({ GroupName: 'ops' }),
          ],
          IsTruncated: false,
        },
      ],
      [
        'ListGroupsForUser',
        { UserName: 'u02' },
        {
          Groups: [
            expect.objectContaining({ GroupName: 'devs' }),
            expect.objectContaining({ GroupName: 'ops' }),
          ],
          IsTruncated: false,
        },
      ],
      [
        'GetRole',
        { RoleName: 'app' },
        {
          Role: {
            Path: '/svc/',
            RoleName: 'app',
            RoleId: expect.stringMatching(/^AROA/),
            Arn: arn('role', '/svc/app'),
            CreateDate: expect.any(String),
            AssumeRolePolicyDocument: TRUST,
            MaxSessionDuration: 3600,
            Tags: [{ Key: 'env', Value: 'prod' }],
          },
        },
      ],
      [
        'ListRoles',
        {},
        {
          Roles: [
            expect.objectContaining({ RoleName: 'app' }),
            expect.objectContaining({ RoleName: 'batch' }),
          ],
          IsTruncated: false,
        },
      ],
      [
        'GetPolicy',
        { PolicyArn: policy },
        { Policy: expect.objectContaining({ PolicyName: 'reports', Arn: policy }) },
      ],
      [
        'GetPolicyVersion',
        { PolicyArn: policy, VersionId: 'v2' },
        {
          PolicyVersion: {
            Document: doc('s3:Get*'),
            VersionId: 'v2',
            IsDefaultVersion: true,
            CreateDate: expect.any(String),
          },
        },
      ],
      [
        'ListPolicyVersions',
        { PolicyArn: policy },
        {
          Versions: [
            expect.objectContaining({ VersionId: 'v2', IsDefaultVersion: true }),
            expect.objectContaining({ VersionId: 'v1', IsDefaultVersion: false }),
          ],
          IsTruncated: false,
        },
      ],
      [
        'ListAttachedUserPolicies',
        { UserName: 'u02' },
        {
          AttachedPolicies: [
            { PolicyName: 'ReadOnlyAccess', PolicyArn: READ_ONLY },
            { PolicyName: 'team-ec2', PolicyArn: arn('policy', '/team/team-ec2') },
          ],
          IsTruncated: false,
        },
      ],
      [
        'ListAttachedGroupPolicies',
        { GroupName: 'devs' },
        { AttachedPolicies: [{ PolicyName: 'reports', PolicyArn: policy }], IsTruncated: false },
      ],
      [
        'ListAttachedRolePolicies',
        { RoleName: 'app' },
        { AttachedPolicies: [{ PolicyName: 'reports', PolicyArn: policy }], IsTruncated: false },
      ],
      ['ListUserPolicies', { UserName: 'u02' }, { PolicyNames: ['own'], IsTruncated: false }],
      ['ListGroupPolicies', { GroupName: 'devs' }, { PolicyNames: ['dev'], IsTruncated: false }],
      ['ListRolePolicies', { RoleName: 'app' }, { PolicyNames: ['r'], IsTruncated: false }],
      [
        'GetUserPolicy',
        { UserName: 'u02', PolicyName: 'own' },
        { UserName: 'u02', PolicyName: 'own', PolicyDocument: doc('sqs:*') },
      ],
      [
        'GetGroupPolicy',
        { GroupName: 'devs', PolicyName: 'dev' },
        { GroupName: 'devs', PolicyName: 'dev', PolicyDocument: doc('sns:*') },
      ],
      [
        'GetRolePolicy',
        { RoleName: 'app', PolicyName: 'r' },
        { RoleName: 'app', PolicyName: 'r', PolicyDocument: doc('sqs:*') },
      ],
      [
        'ListEntitiesForPolicy',
        { PolicyArn: policy },
        {
          PolicyGroups: [{ GroupName: 'devs', GroupId: expect.stringMatching(/^AGPA/) }],
          PolicyUsers: [],
          PolicyRoles: [{ RoleName: 'app', RoleId: expect.stringMatching(/^AROA/) }],
          IsTruncated: false,
        },
      ],
      [
        'ListUserTags',
        { UserName: 'u02' },
        { Tags: [{ Key: 'team', Value: 'ml' }], IsTruncated: false },
      ],
      [
        'ListRoleTags',
        { RoleName: 'app' },
        { Tags: [{ Key: 'env', Value: 'prod' }], IsTruncated: false },
      ],
      [
        'ListPolicyTags',
        { PolicyArn: arn('policy', '/team/team-ec2') },
        { Tags: [{ Key: 'owner', Value: 'platform' }], IsTruncated: false },
      ],
    ];
    for (const [action, input, members] of cases) {
      const { ConsistencyToken, ResponseMetadata, ...body } = await ok(action, input);
      expect({ action, body }).toEqual({ action, body: members });
      expect(typeof ConsistencyToken).toBe('string');
      expect(ResponseMetadata).toEqual({ RequestId: expect.any(String) });
    }
  });

  it('answers NoSuchEntity with HTTP 404 for a missing target', async () => {
    const missing: [string, Body, string][] = [
      ['GetUser', { UserName: 'nobody' }, 'The user with name nobody cannot be found.'],
      ['ListGroupsForUser', { UserName: 'nobody' }, 'The user with name nobody cannot be found.'],
      ['ListUserTags', { UserName: 'nobody' }, 'The user with name nobody cannot be found.'],
      ['GetGroup', { GroupName: 'nogroup' }, 'The group with name nogroup cannot be found.'],
      ['GetRole', { RoleName: 'norole' }, 'The role with name norole cannot be found.'],
      [
        'ListAttachedRolePolicies',
        { RoleName: 'norole' },
        'The role with name norole cannot be found.',
      ],
      [
        'GetUserPolicy',
        { UserName: 'u02', PolicyName: 'nope' },
        'The user policy with name nope cannot be found.',
      ],
      [
        'GetPolicy',
        { PolicyArn: arn('policy', '/nope') },
        `Policy ${arn('policy', '/nope')} was not found.`,
      ],
      [
        'GetPolicyVersion',
        { PolicyArn: arn('policy', '/reports'), VersionId: 'v7' },
        `Policy ${arn('policy', '/reports')} version v7 does not exist or is not attachable.`,
      ],
      [
        'ListEntitiesForPolicy',
        { PolicyArn: 'arn:aws:iam::aws:policy/NoSuchManagedPolicy' },
        'Policy arn:aws:iam::aws:policy/NoSuchManagedPolicy was not found.',
      ],
    ];
    for (const [action, input, message] of missing) {
      const res = await h.call(action, input);
      expect({ action, status: res.status, error: res.body.Error }).toEqual({
        action,
        status: 404,
        error: { Code: 'NoSuchEntity', Message: message },
      });
    }
  });

  it('appends nothing for a read: the next write follows the previous one on the log', async () => {
    const first = await ok('CreateUser', { UserName: 'before-reads' });
    for (const [action, input] of [
      ['ListUsers', {}],
      ['GetUser', { UserName: 'u01' }],
      ['ListPolicies', { Scope: 'Local' }],
      ['GetGroup', { GroupName: 'devs' }],
    ] as const) {
      await ok(action, input);
    }
    expect((await h.call('GetUser', { UserName: 'nobody' })).status).toBe(404);
    const next = await ok('CreateUser', { UserName: 'after-reads' });
    expect(offsetOf(next)).toBe(offsetOf(first) + 1);
  });

  it('serves the OpenAPI document at /openapi.json with every action', async () => {
    const res = await fetch(`${h.httpUrl}/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, { post: Body }> };
    expect(doc.openapi).toMatch(/^3\./);
    for (const action of ['CreateUser', 'ListUsers', 'ListEntitiesForPolicy', 'GetPolicyVersion']) {
      expect(doc.paths[`/v1/${action}`].post.operationId).toBe(action);
    }
  });
});
