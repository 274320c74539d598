import type { Harness } from './portcullis-harness';

const ACCOUNT = '123456789012';
const ALICE = `arn:aws:iam::${ACCOUNT}:user/alice`;
const READ_REPORTS = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' }],
});

/**
 * The walking skeleton's promise, the same on every backend: create user → check is
 * ImplicitDeny → put policy → check is Allow, waiting on the projection through the
 * consistency token of each write (read-your-writes), never a fixed sleep.
 */
export function runRoundTripScenario(harness: () => Harness): void {
  it('creates a user, denies by default, allows after an inline policy', async () => {
    const h = harness();
    const created = await h.call('CreateUser', { UserName: 'alice' });
    expect(created.status).toBe(200);
    expect(created.body.User).toEqual({
      UserName: 'alice',
      UserId: expect.stringMatching(/^AIDA[A-Z2-7]{17}$/),
      Path: '/',
      Arn: ALICE,
      CreateDate: expect.any(String),
    });
    const createdToken = created.headers.get('x-portcullis-consistency-token')!;
    expect(createdToken).toMatch(/^\d+:\d+$/);

    const request = {
      principal_arn: ALICE,
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::reports/q1.csv',
    };
    const before = await h.authz.check({
      ...request,
      consistency: { at_least_as_fresh: createdToken },
    });
    expect(before.decision).toBe('IMPLICIT_DENY');

    const put = await h.call('PutUserPolicy', {
      UserName: 'alice',
      PolicyName: 'read-reports',
      PolicyDocument: READ_REPORTS,
    });
    expect(put.status).toBe(200);
    const putToken = put.body.ConsistencyToken as string;

    const after = await h.authz.check({
      ...request,
      consistency: { at_least_as_fresh: putToken },
      explain: true,
    });
    expect(after.decision).toBe('ALLOW');
    expect(after.matched_statements).toEqual([
      expect.objectContaining({ gate: 'identity', effect: 'Allow', statement_index: 0 }),
    ]);
    // The decision says where it was evaluated: at or past the token asked for.
    const [p, o] = putToken.split(':');
    const evaluated = new Map(
      after.evaluated_at.split(',').map((x) => x.split(':') as [string, string]),
    );
    expect(BigInt(evaluated.get(p)!)).toBeGreaterThanOrEqual(BigInt(o));

    // fully_consistent waits for the end of the log as it is when the check arrives.
    const full = await h.authz.check({ ...request, consistency: { fully_consistent: true } });
    expect(full.decision).toBe('ALLOW');

    const otherObject = await h.authz.check({
      ...request,
      resource: 'arn:aws:s3:::payroll/q1.csv',
    });
    expect(otherObject.decision).toBe('IMPLICIT_DENY');
  });

  it('refuses a duplicate user name, case-insensitively, with EntityAlreadyExists', async () => {
    const h = harness();
    expect((await h.call('CreateUser', { UserName: 'bob' })).status).toBe(200);
    const again = await h.call('CreateUser', { UserName: 'BOB' });
    expect(again.status).toBe(409);
    expect(again.body.Error).toEqual({
      Code: 'EntityAlreadyExists',
      Message: 'User with name BOB already exists.',
    });
  });

  it('answers a retried command with its first result and writes nothing twice', async () => {
    const h = harness();
    const first = await h.call('CreateUser', { UserName: 'carol' }, { commandId: 'cmd-carol-1' });
    const retry = await h.call('CreateUser', { UserName: 'carol' }, { commandId: 'cmd-carol-1' });
    expect(retry.status).toBe(200);
    expect(retry.body.User).toEqual(first.body.User);
    expect(retry.headers.get('x-portcullis-consistency-token')).toBe(
      first.headers.get('x-portcullis-consistency-token'),
    );
  });

  it('rejects malformed commands with a validation error and appends nothing', async () => {
    const h = harness();
    const badName = await h.call('CreateUser', { UserName: 'no spaces allowed' });
    expect(badName.status).toBe(400);
    expect(badName.body.Error).toMatchObject({ Code: 'ValidationError' });

    const missing = await h.call('PutUserPolicy', { UserName: 'alice' });
    expect(missing.status).toBe(400);
    expect(missing.body.Error).toMatchObject({ Code: 'ValidationError' });

    const unknownField = await h.call('CreateUser', { UserName: 'dave', Admin: true });
    expect(unknownField.status).toBe(400);

    const badJson = await h.call('CreateUser', null, { raw: '{"UserName": ' });
    expect(badJson.status).toBe(400);
    expect(badJson.body.Error).toMatchObject({ Code: 'ValidationError' });

    const unknownAction = await h.call('LaunchRockets', {});
    expect(unknownAction.status).toBe(400);
    expect(unknownAction.body.Error).toMatchObject({ Code: 'InvalidAction' });

    const badPolicy = await h.call('PutUserPolicy', {
      UserName: 'alice',
      PolicyName: 'broken',
      PolicyDocument: '{"Statement": [}',
    });
    expect(badPolicy.status).toBe(400);
    expect(badPolicy.body.Error).toMatchObject({ Code: 'MalformedPolicyDocument' });

    const noSuchUser = await h.call('PutUserPolicy', {
      UserName: 'nobody',
      PolicyName: 'p',
      PolicyDocument: READ_REPORTS,
    });
    expect(noSuchUser.status).toBe(404);
    expect(noSuchUser.body.Error).toMatchObject({ Code: 'NoSuchEntity' });

    // None of the rejected commands changed anything: 'dave' was never created.
    expect((await h.call('CreateUser', { UserName: 'dave' })).status).toBe(200);
  });
  it('refuses a malformed check with INVALID_ARGUMENT and times out on a token the log never reaches', async () => {
    const h = harness();
    const request = { principal_arn: ALICE, action: 's3:GetObject', resource: 'arn:aws:s3:::x/y' };
    await expect(h.authz.check({ ...request, action: '' })).rejects.toMatchObject({
      code: 3, // INVALID_ARGUMENT
    });
    await expect(
      h.authz.check({ ...request, consistency: { at_least_as_fresh: 'not-a-token' } }),
    ).rejects.toMatchObject({ code: 3 });
    await expect(
      h.authz.check({ ...request, consistency: { at_least_as_fresh: '0:999999999' } }, 500),
    ).rejects.toMatchObject({ code: 4 }); // DEADLINE_EXCEEDED
  });
}
