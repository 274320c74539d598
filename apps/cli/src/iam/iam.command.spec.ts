import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Harness, startPortcullis } from '../../../../test/support/portcullis-harness';
import { runCli } from '../program';
import { captureIo, tempDir } from '../testing/cli-fixtures';
import { IAM_EXIT } from './iam.command';

describe('portcullis iam against an in-process server (embedded defaults)', () => {
  let data: string;
  let harness: Harness;
  const files = tempDir();
  const run = async (...args: string[]) => {
    const io = captureIo();
    const exit = await runCli(
      ['iam', ...args, '--endpoint', harness.httpUrl, '--account', '123456789012'],
      io,
    );
    const stdout = io.stdout.join('\n');
    return {
      exit,
      json: stdout ? (JSON.parse(stdout) as Record<string, unknown>) : undefined,
      stderr: io.stderr.join('\n'),
    };
  };

  beforeAll(async () => {
    data = mkdtempSync(join(tmpdir(), 'portcullis-cli-'));
    harness = await startPortcullis({ IAM_DATA_DIR: data, IAM_LOG_LEVEL: 'silent' });
  });
  afterAll(async () => {
    await harness?.close();
    rmSync(data, { recursive: true, force: true });
    files.cleanup();
  });

  it('create-user then list-users --path-prefix', async () => {
    const created = await run(
      'create-user',
      '--user-name',
      'alice',
      '--path',
      '/eng/',
      '--tags',
      'Key=team,Value=core',
    );
    expect(created.exit).toBe(0);
    expect(created.json).toEqual({
      User: expect.objectContaining({
        UserName: 'alice',
        Path: '/eng/',
        Arn: 'arn:aws:iam::123456789012:user/eng/alice',
        UserId: expect.stringMatching(/^AIDA/),
      }),
      ConsistencyToken: expect.stringMatching(/^\d+:\d+/),
    });
    expect((await run('create-user', '--user-name', 'bob')).exit).toBe(0);

    const eng = await run('list-users', '--path-prefix', '/eng/');
    expect(eng.exit).toBe(0);
    expect(eng.json).toEqual({
      Users: [expect.objectContaining({ UserName: 'alice', Path: '/eng/' })],
      IsTruncated: false,
      // A read names the position it answered from: the account's last event.
      ConsistencyToken: expect.stringMatching(/^\d+:\d+$/),
    });
    const all = await run('list-users', '--max-items', '1');
    expect(all.json).toMatchObject({ Users: [{ UserName: 'alice' }], IsTruncated: true });
    const rest = await run(
      'list-users',
      '--max-items',
      '1',
      '--marker',
      all.json!.Marker as string,
    );
    expect(rest.json).toMatchObject({ Users: [{ UserName: 'bob' }], IsTruncated: false });
    expect((await run('list-users')).json).toMatchObject({
      Users: [{ UserName: 'alice' }, { UserName: 'bob' }],
      IsTruncated: false,
    });
    expect((await run('list-user-tags', '--user-name', 'alice')).json).toEqual({
      ConsistencyToken: expect.stringMatching(/^\d+:\d+$/),
      Tags: [{ Key: 'team', Value: 'core' }],
      IsTruncated: false,
    });
  });

  it('put-user-policy --policy-document file://… then get-user-policy', async () => {
    const document = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' }],
    };
    const file = files.write('policy.json', JSON.stringify(document));
    const put = await run(
      'put-user-policy',
      '--user-name',
      'alice',
      '--policy-name',
      'reports',
      '--policy-document',
      `file://${file}`,
    );
    expect(put.exit).toBe(0);
    const got = await run('get-user-policy', '--user-name', 'alice', '--policy-name', 'reports');
    expect(got.json).toEqual({
      ConsistencyToken: expect.stringMatching(/^\d+:\d+$/),
      UserName: 'alice',
      PolicyName: 'reports',
      PolicyDocument: document,
    });
  });

  it('reports service errors as the AWS CLI does (exit 254)', async () => {
    const again = await run('create-user', '--user-name', 'alice');
    expect(again.exit).toBe(IAM_EXIT.service);
    expect(again.stderr).toContain(
      'An error occurred (EntityAlreadyExists) when calling the CreateUser operation: User with name alice already exists.',
    );
    const missing = await run('get-user', '--user-name', 'nobody');
    expect(missing.exit).toBe(IAM_EXIT.service);
    expect(missing.stderr).toContain(
      'An error occurred (NoSuchEntity) when calling the GetUser operation: The user with name nobody cannot be found.',
    );
  });
});
