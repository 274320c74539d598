import { Command, CommanderError } from 'commander';
import { COMMAND_CATALOG } from '../../../command-service/src/pipeline/command-catalog';
import { captureIo } from '../testing/cli-fixtures';
import { IAM_EXIT, IamCliExit, registerIamCommands, type IamCliDeps } from './iam.command';
import { kebab } from './iam-operations';
import { iamOperations } from './iam-service-model';

interface Sent {
  url: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

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
    env: options.env ?? {},
    send: async (url, init) => {
      sent.push({
        url,
        headers: init.headers as Record<string, string>,
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

const ACCOUNT = ['--account', '123456789012'];

describe('portcullis iam: commands generated from the API', () => {
  it('has one command per catalog action, named as the AWS CLI names it', () => {
    const commands = iamOperations().map((op) => op.command);
    expect(commands.sort()).toEqual(Object.keys(COMMAND_CATALOG).map(kebab).sort());
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
    const r = await cli([
      'iam',
      'create-user',
      '--user-name',
      'alice',
      '--path',
      '/eng/',
      ...ACCOUNT,
    ]);
    expect(r.exit).toBe(0);
    expect(r.sent).toEqual([
      {
        url: 'http://127.0.0.1:8080/v1/CreateUser',
        headers: { 'content-type': 'application/json', 'x-portcullis-account': '123456789012' },
        body: { UserName: 'alice', Path: '/eng/' },
      },
    ]);
  });

  it('takes the global options before or after the command, or from the environment', async () => {
    const before = await cli([
      'iam',
      '--endpoint',
      'http://iam.local:9000/',
      '--actor',
      'arn:aws:iam::123456789012:user/admin',
      '--idempotency-key',
      'k-1',
      'get-user',
      '--user-name',
      'bob',
      ...ACCOUNT,
    ]);
    expect(before.sent[0]).toEqual({
      url: 'http://iam.local:9000/v1/GetUser',
      headers: {
        'content-type': 'application/json',
        'x-portcullis-account': '123456789012',
        'x-portcullis-actor': 'arn:aws:iam::123456789012:user/admin',
        'idempotency-key': 'k-1',
      },
      body: { UserName: 'bob' },
    });
    const env = await cli(['iam', 'get-user', '--user-name', 'bob'], {
      env: {
        IAM_ENDPOINT: 'http://env.local:1',
        IAM_ACCOUNT: '210987654321',
        IAM_ACTOR: 'arn:aws:iam::210987654321:root',
      },
    });
    expect(env.sent[0].url).toBe('http://env.local:1/v1/GetUser');
    expect(env.sent[0].headers).toMatchObject({
      'x-portcullis-account': '210987654321',
      'x-portcullis-actor': 'arn:aws:iam::210987654321:root',
    });
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
      ...ACCOUNT,
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
      env: {},
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
