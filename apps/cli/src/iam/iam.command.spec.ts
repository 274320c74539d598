import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Harness, startPortcullis } from '../../../../test/support/portcullis-harness';
import { mintCredentials, type Credentials } from '../../../../test/support/test-credentials';
import { runCli } from '../program';
import { captureIo, tempDir } from '../testing/cli-fixtures';
import { IAM_EXIT } from './iam.command';

const CREDENTIAL_VARS = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
] as const;

/** Puts `credentials` in the environment the CLI reads (process.env, as the real process). */
function useCredentials(credentials: Credentials | undefined): void {
  for (const name of CREDENTIAL_VARS) delete process.env[name];
  if (!credentials) return;
  process.env.AWS_ACCESS_KEY_ID = credentials.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = credentials.secretAccessKey;
  if (credentials.sessionToken) process.env.AWS_SESSION_TOKEN = credentials.sessionToken;
}

describe('portcullis iam against an in-process server (embedded defaults)', () => {
  let data: string;
  let harness: Harness;
  /** Temporary credentials of the account root, as GetSessionToken would hand them out. */
  let root: Credentials;
  const saved = Object.fromEntries(CREDENTIAL_VARS.map((name) => [name, process.env[name]]));
  const files = tempDir();
  const run = async (...args: string[]) => {
    const io = captureIo();
    const exit = await runCli(['iam', ...args, '--endpoint', harness.httpUrl], io);
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
    root = mintCredentials(harness.env, 'arn:aws:iam::123456789012:root');
  });
  beforeEach(() => useCredentials(root));
  afterAll(async () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
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

  it('get-caller-identity answers who the signature says calls', async () => {
    const me = await run('get-caller-identity');
    expect(me.exit).toBe(0);
    expect(me.json).toEqual({
      UserId: expect.any(String),
      Account: '123456789012',
      Arn: 'arn:aws:iam::123456789012:root',
    });
  });

  it('signs with an access key made by create-access-key: the caller is its user', async () => {
    expect((await run('create-user', '--user-name', 'carol')).exit).toBe(0);
    const created = await run('create-access-key', '--user-name', 'carol');
    expect(created.exit).toBe(0);
    const key = created.json!.AccessKey as { AccessKeyId: string; SecretAccessKey: string };
    expect(key.AccessKeyId).toMatch(/^AKIA/);

    useCredentials({ accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey });
    const me = await run('get-caller-identity');
    expect(me.exit).toBe(0);
    expect(me.json).toEqual({
      UserId: expect.stringMatching(/^AIDA/),
      Account: '123456789012',
      Arn: 'arn:aws:iam::123456789012:user/carol',
    });
    // carol has no policy: her signed request is hers, and IAM refuses it.
    const denied = await run('list-users');
    expect(denied.exit).toBe(IAM_EXIT.service);
    expect(denied.stderr).toMatch(
      /An error occurred \(AccessDenied\) when calling the ListUsers operation: .*user\/carol/,
    );
  });

  it('reports the service’s refusal of a bad signature or region (exit 254)', async () => {
    useCredentials({ ...root, secretAccessKey: `${root.secretAccessKey}x` });
    const forged = await run('list-users');
    expect(forged.exit).toBe(IAM_EXIT.service);
    expect(forged.stderr).toContain(
      'An error occurred (SignatureDoesNotMatch) when calling the ListUsers operation',
    );
    useCredentials(root);
    const elsewhere = await run('list-users', '--region', 'eu-west-1');
    expect(elsewhere.exit).toBe(IAM_EXIT.service);
    expect(elsewhere.stderr).toContain('(SignatureDoesNotMatch)');
    useCredentials({ accessKeyId: 'AKIAPORTCULLISNOKEY1', secretAccessKey: 'x'.repeat(40) });
    const unknown = await run('list-users');
    expect(unknown.exit).toBe(IAM_EXIT.service);
    expect(unknown.stderr).toContain('(InvalidClientTokenId)');
  });

  it('without credentials: exit 253 and nothing reaches the service', async () => {
    useCredentials(undefined);
    const r = await run('create-user', '--user-name', 'dave');
    expect(r.exit).toBe(IAM_EXIT.config);
    expect(r.stderr).toContain('Unable to locate credentials');
    useCredentials(root);
    expect((await run('get-user', '--user-name', 'dave')).exit).toBe(IAM_EXIT.service);
  });
});
