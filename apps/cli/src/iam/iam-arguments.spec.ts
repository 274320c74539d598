import { verifySigV4, type ResolveSigningKey } from '@portcullis/credentials';
import { Command, CommanderError } from 'commander';
import { COMMAND_CATALOG } from '../../../command-service/src/pipeline/command-catalog';
import { captureIo } from '../testing/cli-fixtures';
import { IAM_EXIT, IamCliExit, registerIamCommands, type IamCliDeps } from './iam.command';
import { kebab } from './iam-operations';
import { iamOperations } from './iam-service-model';

interface Sent {
  url: string;
  method: string | undefined;
  headers: Record<string, string>;
  /** The bytes sent, as given to the transport. */
  raw: string;
  body: Record<string, unknown>;
}

/** An access key (long-term) and temporary credentials, as a caller holds them. */
const KEY = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};
const SESSION = {
  accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
  sessionToken: 'FwoGZXIvYXdzEBYaDH+session/token=with+odd/chars',
};
const KEY_ENV = { AWS_ACCESS_KEY_ID: KEY.accessKeyId, AWS_SECRET_ACCESS_KEY: KEY.secretAccessKey };
const SESSION_ENV = {
  AWS_ACCESS_KEY_ID: SESSION.accessKeyId,
  AWS_SECRET_ACCESS_KEY: SESSION.secretAccessKey,
  AWS_SESSION_TOKEN: SESSION.sessionToken,
};

/** The service's side: the secret of each key (a temporary key only with its session token). */
const resolveKey: ResolveSigningKey<string> = async (id, token) => {
  if (id === KEY.accessKeyId && token === undefined) {
    return { secretAccessKey: KEY.secretAccessKey, principal: 'key' };
  }
  if (id === SESSION.accessKeyId && token === SESSION.sessionToken) {
    return { secretAccessKey: SESSION.secretAccessKey, principal: 'session' };
  }
  return null;
};

/** What Portcullis's own verifier says of a captured request (bytes as sent, clock now). */
function verify(
  sent: Pick<Sent, 'url' | 'method' | 'headers' | 'raw'>,
  options: { region?: string; services?: string[]; resolve?: ResolveSigningKey<string> } = {},
) {
  const url = new URL(sent.url);
  return verifySigV4(
    {
      method: sent.method ?? 'GET',
      path: url.pathname,
      query: url.search.replace(/^\?/, ''),
      headers: sent.headers,
      body: Buffer.from(sent.raw, 'utf8'),
    },
    options.resolve ?? resolveKey,
    {
      region: options.region ?? 'us-east-1',
      services: options.services ?? ['iam'],
      now: Date.now(),
    },
  );
}

const SCOPE = (id: string, region: string, service: string) =>
  new RegExp(
    `^AWS4-HMAC-SHA256 Credential=${id}/\\d{8}/${region}/${service}/aws4_request, ` +
      'SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$',
  );

const signedHeadersOf = (sent: Sent) =>
  /SignedHeaders=([^,]+)/.exec(sent.headers.authorization)![1].split(';');

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** Runs `portcullis …` with a fake transport that records requests and answers `replies`. */
async function cli(
  args: string[],
  options: { replies?: Response[]; files?: Record<string, string>; env?: NodeJS.ProcessEnv } = {},
) {
  const io = captureIo();
  const sent: Sent[] = [];
  const replies = [...(options.replies ?? [])];
  const deps: Partial<IamCliDeps> = {
    env: options.env ?? KEY_ENV,
    send: async (url, init) => {
      sent.push({
        url,
        method: init.method,
        headers: init.headers as Record<string, string>,
        raw: init.body as string,
        body: JSON.parse(init.body as string) as Record<string, unknown>,
      });
      return (
        replies.shift() ?? json({ ResponseMetadata: { RequestId: 'r' }, ConsistencyToken: '' })
      );
    },
    readFile: async (path) => {
      if (options.files && Object.hasOwn(options.files, path)) return options.files[path];
      throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    },
  };
  let exit: number = IAM_EXIT.ok;
  const program = new Command('portcullis').exitOverride().configureOutput({
    writeOut: (s) => io.out(s.trimEnd()),
    writeErr: (s) => io.err(s.trimEnd()),
  });
  registerIamCommands(program, io, (code) => (exit = code), deps);
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (err) {
    // As runCli: the iam commands' own exit codes, and commander's help (exit 0).
    if (err instanceof IamCliExit) exit = err.exitCode;
    else if (err instanceof CommanderError && err.exitCode === 0) exit = 0;
    else throw err;
  }
  return { exit, sent, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') };
}

describe('portcullis iam: commands generated from the API', () => {
  it('has one command per API action of the catalog, and get-caller-identity', () => {
    const commands = iamOperations().map((op) => op.command);
    const api = Object.entries(COMMAND_CATALOG)
      .filter(([, definition]) => !definition.internal)
      .map(([action]) => kebab(action));
    expect(commands.sort()).toEqual([...api, 'get-caller-identity'].sort());
    expect(commands).toEqual(
      expect.arrayContaining([
        'create-user',
        'list-users',
        'list-attached-user-policies',
        'list-entities-for-policy',
        'put-user-permissions-boundary',
      ]),
    );
    const listPolicies = iamOperations().find((op) => op.action === 'ListPolicies')!;
    expect(listPolicies.params.map((p) => [p.flag, p.shape.kind])).toEqual(
      expect.arrayContaining([
        ['--scope', 'string'],
        ['--only-attached', 'boolean'],
        ['--path-prefix', 'string'],
        ['--max-items', 'number'],
        ['--marker', 'string'],
      ]),
    );
  });
});

describe('portcullis iam: arguments → request', () => {
  it('maps --kebab-params to AWS parameter names and posts to /v1/{Action}', async () => {
    const r = await cli(['iam', 'create-user', '--user-name', 'alice', '--path', '/eng/']);
    expect(r.exit).toBe(0);
    expect(r.sent).toEqual([
      {
        url: 'http://127.0.0.1:8080/v1/CreateUser',
        method: 'POST',
        headers: expect.objectContaining({
          host: '127.0.0.1:8080',
          'content-type': 'application/json',
        }),
        raw: '{"UserName":"alice","Path":"/eng/"}',
        body: { UserName: 'alice', Path: '/eng/' },
      },
    ]);
    // No trusted caller headers: the signature says who calls.
    expect(r.sent[0].headers).not.toHaveProperty('x-portcullis-account');
    expect(r.sent[0].headers).not.toHaveProperty('x-portcullis-actor');
  });

  it('takes the global options before or after the command, or from the environment', async () => {
    const before = await cli([
      'iam',
      '--endpoint',
      'http://iam.local:9000/',
      '--region',
      'eu-west-1',
      '--idempotency-key',
      'k-1',
      'get-user',
      '--user-name',
      'bob',
    ]);
    expect(before.sent[0]).toMatchObject({
      url: 'http://iam.local:9000/v1/GetUser',
      headers: { host: 'iam.local:9000', 'idempotency-key': 'k-1' },
      body: { UserName: 'bob' },
    });
    expect(before.sent[0].headers.authorization).toMatch(
      SCOPE(KEY.accessKeyId, 'eu-west-1', 'iam'),
    );
    // The idempotency key is signed: a replay cannot swap it.
    expect(signedHeadersOf(before.sent[0])).toContain('idempotency-key');
    expect(await verify(before.sent[0], { region: 'eu-west-1' })).toMatchObject({ ok: true });

    const after = await cli([
      'iam',
      'get-user',
      '--user-name',
      'bob',
      '--region',
      'ap-south-1',
      '--endpoint',
      'https://iam.example.com',
    ]);
    expect(after.sent[0].url).toBe('https://iam.example.com/v1/GetUser');
    expect(after.sent[0].headers.host).toBe('iam.example.com');
    expect(await verify(after.sent[0], { region: 'ap-south-1' })).toMatchObject({ ok: true });

    const env = await cli(['iam', 'get-user', '--user-name', 'bob'], {
      env: { ...KEY_ENV, IAM_ENDPOINT: 'http://env.local:1', AWS_DEFAULT_REGION: 'eu-north-1' },
    });
    expect(env.sent[0].url).toBe('http://env.local:1/v1/GetUser');
    expect(env.sent[0].headers.authorization).toMatch(SCOPE(KEY.accessKeyId, 'eu-north-1', 'iam'));
  });

  it('signs for $AWS_REGION over $AWS_DEFAULT_REGION, --region over both, else us-east-1', async () => {
    const regionOf = async (args: string[], env: NodeJS.ProcessEnv) => {
      const r = await cli(['iam', 'list-groups', ...args], { env: { ...KEY_ENV, ...env } });
      return /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(r.sent[0].headers.authorization)![1];
    };
    const both = { AWS_REGION: 'eu-west-3', AWS_DEFAULT_REGION: 'eu-central-1' };
    expect(await regionOf([], {})).toBe('us-east-1');
    expect(await regionOf([], { AWS_DEFAULT_REGION: 'eu-central-1' })).toBe('eu-central-1');
    expect(await regionOf([], both)).toBe('eu-west-3');
    expect(await regionOf(['--region', 'sa-east-1'], both)).toBe('sa-east-1');
  });

  it('reads --tags as AWS CLI shorthand or JSON, and lists as separate values', async () => {
    const shorthand = await cli([
      'iam',
      'create-user',
      '--user-name',
      'alice',
      '--tags',
      'Key=team,Value=data',
      'Key=cost-center,Value=a=b,c',
    ]);
    expect(shorthand.sent[0].body.Tags).toEqual([
      { Key: 'team', Value: 'data' },
      { Key: 'cost-center', Value: 'a=b,c' },
    ]);
    const asJson = await cli([
      'iam',
      'tag-user',
      '--user-name',
      'alice',
      '--tags',
      '[{"Key":"team","Value":"data"}]',
    ]);
    expect(asJson.sent[0].body).toEqual({
      UserName: 'alice',
      Tags: [{ Key: 'team', Value: 'data' }],
    });
    const keys = await cli(['iam', 'untag-user', '--user-name', 'alice', '--tag-keys', 'a', 'b']);
    expect(keys.sent[0].body).toEqual({ UserName: 'alice', TagKeys: ['a', 'b'] });
  });

  it('loads file:// values as the AWS CLI does', async () => {
    const policy = '{"Version":"2012-10-17","Statement":[]}';
    const r = await cli(
      [
        'iam',
        'put-user-policy',
        '--user-name',
        'alice',
        '--policy-name',
        'p',
        '--policy-document',
        'file://policy.json',
      ],
      { files: { 'policy.json': policy } },
    );
    expect(r.sent[0].body).toEqual({ UserName: 'alice', PolicyName: 'p', PolicyDocument: policy });
  });

  it('types numbers and flags from the schema', async () => {
    const on = await cli([
      'iam',
      'list-policies',
      '--only-attached',
      '--scope',
      'AWS',
      '--max-items',
      '5',
    ]);
    expect(on.sent[0].body).toEqual({ OnlyAttached: true, Scope: 'AWS', MaxItems: 5 });
    const off = await cli(['iam', 'list-policies', '--no-only-attached', '--max-items', '5']);
    expect(off.sent[0].body).toEqual({ OnlyAttached: false, MaxItems: 5 });
  });

  it.each([
    [['iam', 'create-user'], /required option '--user-name <value>' not specified/],
    [['iam', 'create-user', '--user-name', 'a', '--colour', 'red'], /unknown option '--colour'/],
    [['iam', 'list-users', '--max-items', 'ten'], /Error parsing parameter '--max-items'/],
    [['iam', 'list-policies', '--scope', 'Mine'], /Invalid choice 'Mine'/],
    [
      ['iam', 'tag-user', '--user-name', 'a', '--tags', 'Key=a,Colour=b'],
      /Unknown key 'Colour': valid keys are Key, Value/,
    ],
    [['iam', 'tag-user', '--user-name', 'a', '--tags', 'Key=a'], /Missing required key\(s\) Value/],
    [['iam', 'tag-user', '--user-name', 'a', '--tags', '[{'], /Invalid JSON/],
    [
      [
        'iam',
        'put-user-policy',
        '--user-name',
        'a',
        '--policy-name',
        'p',
        '--policy-document',
        'file://nope.json',
      ],
      /Unable to load paramfile file:\/\/nope.json: no such file/,
    ],
    [['iam', 'no-such-action'], /unknown command 'no-such-action'/],
    [['iam'], /Usage: portcullis iam/],
  ])('%j is a usage error: exit 252, nothing sent', async (args, message) => {
    const r = await cli(args);
    expect(r.exit).toBe(IAM_EXIT.usage);
    expect(r.stderr).toMatch(message);
    expect(r.sent).toEqual([]);
  });

  it('prints help and exits 0 for --help', async () => {
    const r = await cli(['iam', 'list-policies', '--help']);
    expect(r.exit).toBe(0);
    expect(r.stdout).toMatch(/--scope <value>\s+one of: All, AWS, Local/);
  });
});

describe('portcullis iam: credentials and SigV4', () => {
  it('signs with an access key from the environment, for iam in us-east-1', async () => {
    const r = await cli(['iam', 'create-user', '--user-name', 'alice', '--path', '/eng/']);
    expect(r.exit).toBe(0);
    const [sent] = r.sent;
    expect(sent.headers.authorization).toMatch(SCOPE(KEY.accessKeyId, 'us-east-1', 'iam'));
    expect(sent.headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
    expect(sent.headers).not.toHaveProperty('x-amz-security-token');
    expect(signedHeadersOf(sent)).toEqual(
      expect.arrayContaining(['content-type', 'host', 'x-amz-date']),
    );
    const verified = await verify(sent);
    expect(verified).toMatchObject({
      ok: true,
      accessKeyId: KEY.accessKeyId,
      region: 'us-east-1',
      service: 'iam',
      principal: 'key',
    });
    expect(verified).not.toHaveProperty('securityToken');
  });

  it('signs the exact bytes sent: another body, key or secret does not verify', async () => {
    const r = await cli(['iam', 'create-user', '--user-name', 'alice']);
    const [sent] = r.sent;
    expect(await verify(sent)).toMatchObject({ ok: true });
    // A body changed on the way (even by a space) is refused.
    const sameJsonOtherBytes = { ...sent, raw: '{"UserName": "alice"}' };
    expect(await verify(sameJsonOtherBytes)).toMatchObject({
      ok: false,
      code: 'SignatureDoesNotMatch',
    });
    expect(await verify({ ...sent, raw: '{"UserName":"mallory"}' })).toMatchObject({
      ok: false,
      code: 'SignatureDoesNotMatch',
    });
    // Verified against another secret for the same key id: refused.
    const otherSecret: ResolveSigningKey<string> = async () => ({
      secretAccessKey: SESSION.secretAccessKey,
      principal: 'other',
    });
    expect(await verify(sent, { resolve: otherSecret })).toMatchObject({
      ok: false,
      code: 'SignatureDoesNotMatch',
    });
    // Another region or service in the scope: refused.
    expect(await verify(sent, { region: 'eu-west-1' })).toMatchObject({ ok: false });
    expect(await verify(sent, { services: ['sts'] })).toMatchObject({ ok: false });
  });

  it('sends and signs the session token of temporary credentials', async () => {
    const r = await cli(['iam', 'list-users', '--no-paginate'], { env: SESSION_ENV });
    expect(r.exit).toBe(0);
    const [sent] = r.sent;
    expect(sent.headers.authorization).toMatch(SCOPE(SESSION.accessKeyId, 'us-east-1', 'iam'));
    expect(sent.headers['x-amz-security-token']).toBe(SESSION.sessionToken);
    expect(signedHeadersOf(sent)).toContain('x-amz-security-token');
    expect(await verify(sent)).toMatchObject({
      ok: true,
      accessKeyId: SESSION.accessKeyId,
      securityToken: SESSION.sessionToken,
      principal: 'session',
    });
    // The token is part of the signature: another one does not verify.
    const swapped = {
      ...sent,
      headers: { ...sent.headers, 'x-amz-security-token': 'another-token' },
    };
    const anyToken: ResolveSigningKey<string> = async () => ({
      secretAccessKey: SESSION.secretAccessKey,
      principal: 'session',
    });
    expect(await verify(swapped, { resolve: anyToken })).toMatchObject({
      ok: false,
      code: 'SignatureDoesNotMatch',
    });
  });

  it('signs get-caller-identity for sts and prints its result as aws sts does', async () => {
    const r = await cli(['iam', 'get-caller-identity'], {
      env: SESSION_ENV,
      replies: [
        json({
          GetCallerIdentityResult: {
            UserId: 'AROAEXAMPLE:s',
            Account: '123456789012',
            Arn: 'arn:aws:sts::123456789012:assumed-role/r/s',
          },
          ResponseMetadata: { RequestId: 'r' },
        }),
      ],
    });
    expect(r.exit).toBe(0);
    const [sent] = r.sent;
    expect(sent.url).toBe('http://127.0.0.1:8080/v1/GetCallerIdentity');
    expect(sent.body).toEqual({});
    expect(sent.headers.authorization).toMatch(SCOPE(SESSION.accessKeyId, 'us-east-1', 'sts'));
    expect(await verify(sent, { services: ['sts'] })).toMatchObject({ ok: true, service: 'sts' });
    expect(await verify(sent, { services: ['iam'] })).toMatchObject({ ok: false });
    expect(JSON.parse(r.stdout)).toEqual({
      UserId: 'AROAEXAMPLE:s',
      Account: '123456789012',
      Arn: 'arn:aws:sts::123456789012:assumed-role/r/s',
    });
  });

  it('signs create-account for iam (which the service accepts for it), --account-id too', async () => {
    const r = await cli([
      'iam',
      'create-account',
      '--account-name',
      'dev',
      '--account-id',
      '210987654321',
    ]);
    expect(r.exit).toBe(0);
    expect(r.sent[0]).toMatchObject({
      url: 'http://127.0.0.1:8080/v1/CreateAccount',
      body: { AccountName: 'dev', AccountId: '210987654321' },
    });
    expect(await verify(r.sent[0], { services: ['organizations', 'iam'] })).toMatchObject({
      ok: true,
      service: 'iam',
    });
  });

  it('signs every page of a paginated list', async () => {
    const r = await cli(['iam', 'list-users'], {
      env: SESSION_ENV,
      replies: [
        json({ Users: [{ UserName: 'a' }], IsTruncated: true, Marker: 'm1' }),
        json({ Users: [{ UserName: 'b' }], IsTruncated: false }),
      ],
    });
    expect(r.sent).toHaveLength(2);
    for (const sent of r.sent) expect(await verify(sent)).toMatchObject({ ok: true });
    expect(r.sent[1].raw).toBe('{"Marker":"m1"}');
  });

  it.each([
    [{}, /^Unable to locate credentials\. Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/],
    [{ AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' }, /^Unable to locate credentials/],
    [
      { AWS_ACCESS_KEY_ID: KEY.accessKeyId },
      /^Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY$/,
    ],
    [
      { AWS_SECRET_ACCESS_KEY: KEY.secretAccessKey, AWS_SESSION_TOKEN: 'token' },
      /^Partial credentials found in env, missing: AWS_ACCESS_KEY_ID$/,
    ],
  ])('without usable credentials (%j): exit 253, nothing sent', async (env, message) => {
    const r = await cli(['iam', 'create-user', '--user-name', 'alice'], { env });
    expect(r.exit).toBe(IAM_EXIT.config);
    expect(r.stderr.trim()).toMatch(message);
    expect(r.stdout).toBe('');
    expect(r.sent).toEqual([]);
  });

  it('ignores the retired IAM_ACCOUNT / IAM_ACTOR, and refuses --account / --actor', async () => {
    const env = await cli(['iam', 'list-users'], {
      env: { IAM_ACCOUNT: '123456789012', IAM_ACTOR: 'arn:aws:iam::123456789012:root' },
    });
    expect(env.exit).toBe(IAM_EXIT.config);
    expect(env.sent).toEqual([]);
    for (const flag of [
      ['--account', '123456789012'],
      ['--actor', 'arn:aws:iam::123456789012:root'],
    ]) {
      const r = await cli(['iam', 'list-users', ...flag]);
      expect(r.exit).toBe(IAM_EXIT.usage);
      expect(r.stderr).toMatch(`unknown option '${flag[0]}'`);
      expect(r.sent).toEqual([]);
    }
  });

  it('documents the credentials in `iam --help`', async () => {
    const r = await cli(['iam', '--help']);
    expect(r.exit).toBe(0);
    expect(r.stdout).toMatch(/--region <region>/);
    expect(r.stdout).toMatch(/AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/);
    expect(r.stdout).toMatch(/AWS_SESSION_TOKEN/);
    expect(r.stdout).not.toMatch(/--account|--actor|IAM_ACCOUNT|IAM_ACTOR/);
  });
});

describe('portcullis iam: replies', () => {
  it('prints the result as JSON without ResponseMetadata, documents as JSON', async () => {
    const r = await cli(['iam', 'get-user-policy', '--user-name', 'a', '--policy-name', 'p'], {
      replies: [
        json({
          UserName: 'a',
          PolicyName: 'p',
          PolicyDocument: '{"Version":"2012-10-17","Statement":[]}',
          ConsistencyToken: '',
          ResponseMetadata: { RequestId: 'x' },
        }),
      ],
    });
    expect(r.exit).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      UserName: 'a',
      PolicyName: 'p',
      PolicyDocument: { Version: '2012-10-17', Statement: [] },
    });
    expect(r.stdout).toContain('\n    "UserName": "a"');
  });

  it('keeps a write’s ConsistencyToken', async () => {
    const r = await cli(['iam', 'create-user', '--user-name', 'a'], {
      replies: [json({ User: { UserName: 'a' }, ConsistencyToken: '3:17' })],
    });
    expect(JSON.parse(r.stdout)).toEqual({ User: { UserName: 'a' }, ConsistencyToken: '3:17' });
  });

  it('reports a service error as the AWS CLI does: exit 254', async () => {
    const r = await cli(['iam', 'create-user', '--user-name', 'alice'], {
      replies: [
        json(
          {
            Error: { Code: 'EntityAlreadyExists', Message: 'User with name alice already exists.' },
            RequestId: 'r',
          },
          409,
        ),
      ],
    });
    expect(r.exit).toBe(IAM_EXIT.service);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toBe(
      'An error occurred (EntityAlreadyExists) when calling the CreateUser operation: User with name alice already exists.',
    );
  });

  it('reports an unreachable endpoint: exit 255', async () => {
    const program = new Command('p').exitOverride();
    const cap = captureIo();
    let exit = -1;
    registerIamCommands(program, cap, (c) => (exit = c), {
      env: KEY_ENV,
      send: () => Promise.reject(new TypeError('fetch failed')),
    });
    await program.parseAsync(['iam', 'list-users', '--endpoint', 'http://127.0.0.1:1'], {
      from: 'user',
    });
    expect(exit).toBe(IAM_EXIT.failed);
    expect(cap.stderr.join('\n')).toContain(
      'Could not connect to the endpoint URL: "http://127.0.0.1:1/v1/ListUsers"',
    );
  });

  it('follows Marker across pages by default and concatenates the lists', async () => {
    const r = await cli(['iam', 'list-users', '--path-prefix', '/eng/'], {
      replies: [
        json({ Users: [{ UserName: 'a' }], IsTruncated: true, Marker: 'm1', ConsistencyToken: '' }),
        json({ Users: [{ UserName: 'b' }], IsTruncated: true, Marker: 'm2', ConsistencyToken: '' }),
        json({ Users: [{ UserName: 'c' }], IsTruncated: false, ConsistencyToken: '' }),
      ],
    });
    expect(r.sent.map((s) => s.body)).toEqual([
      { PathPrefix: '/eng/' },
      { PathPrefix: '/eng/', Marker: 'm1' },
      { PathPrefix: '/eng/', Marker: 'm2' },
    ]);
    expect(JSON.parse(r.stdout)).toEqual({
      Users: [{ UserName: 'a' }, { UserName: 'b' }, { UserName: 'c' }],
      IsTruncated: false,
    });
  });

  it('answers one page with --max-items, --marker or --no-paginate', async () => {
    const page = () => [json({ Users: [{ UserName: 'a' }], IsTruncated: true, Marker: 'm1' })];
    for (const extra of [['--max-items', '1'], ['--marker', 'm0'], ['--no-paginate']]) {
      const r = await cli(['iam', 'list-users', ...extra], { replies: page() });
      expect(r.sent).toHaveLength(1);
      expect(JSON.parse(r.stdout)).toMatchObject({ IsTruncated: true, Marker: 'm1' });
    }
  });
});
