import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { Command } from 'commander';
import { AUTHZ_PROTO_LOADER_OPTIONS, authorizationProtoPath } from '@portcullis/contracts';
import { runCli } from '../program';
import { captureIo, tempDir } from '../testing/cli-fixtures';
import { registerAuthzCommands } from './authz.command';
import { AUTHZ_EXIT } from './check.command';

type Handler = (request: Record<string, unknown>) => object | grpc.ServiceError;

/**
 * An AuthorizationService stub on a free loopback port, recording what it was sent (and the
 * `authorization` metadata); a call without a bearer token is refused as the service does.
 */
async function stubServer(handlers: Record<string, Handler>) {
  const definition = protoLoader.loadSync(authorizationProtoPath(), AUTHZ_PROTO_LOADER_OPTIONS);
  const pkg = grpc.loadPackageDefinition(definition) as unknown as {
    portcullis: { authz: { v1: { AuthorizationService: { service: grpc.ServiceDefinition } } } };
  };
  const received: {
    method: string;
    request: Record<string, unknown>;
    authorization: grpc.MetadataValue[];
  }[] = [];
  const server = new grpc.Server();
  const impl: grpc.UntypedServiceImplementation = {};
  for (const [method, handler] of Object.entries(handlers)) {
    impl[method] = (
      call: grpc.ServerUnaryCall<Record<string, unknown>, object>,
      cb: grpc.sendUnaryData<object>,
    ) => {
      const authorization = call.metadata.get('authorization');
      received.push({ method, request: call.request, authorization });
      if (authorization.length === 0) {
        cb({ code: grpc.status.UNAUTHENTICATED, details: 'missing bearer token' });
        return;
      }
      const answer = handler(call.request);
      if (answer instanceof Error) cb(answer as grpc.ServiceError);
      else cb(null, answer);
    };
  }
  server.addService(pkg.portcullis.authz.v1.AuthorizationService.service, impl);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
  return { endpoint: `127.0.0.1:${port}`, received, close: () => server.forceShutdown() };
}

const ALICE = 'arn:aws:iam::123456789012:user/alice';
const TOKEN = 'pcst1.k1.example-session-token';

/** The CLI with AWS_SESSION_TOKEN set in its environment (as `portcullis` reads it). */
async function runWithEnv(args: string[], env: NodeJS.ProcessEnv) {
  const io = captureIo();
  let exit = 0;
  const program = new Command('portcullis').exitOverride();
  registerAuthzCommands(program, io, (code) => (exit = code), { env });
  await program.parseAsync(args, { from: 'user' });
  return { io, exit };
}
const matched = {
  gate: 'identity',
  policy_id: `${ALICE}#inline/read`,
  statement_index: 0,
  sid: 'Read',
  effect: 'Allow',
  reason: 'Allow s3:GetObject on arn:aws:s3:::reports/*',
};

describe('portcullis check and simulate (gRPC)', () => {
  const dir = tempDir();
  let stub: Awaited<ReturnType<typeof stubServer>>;
  beforeAll(async () => {
    stub = await stubServer({
      Check: (req) =>
        req.principal_arn === 'arn:aws:iam::123456789012:user/nobody'
          ? Object.assign(new Error('No principal'), {
              code: grpc.status.NOT_FOUND,
              details: 'No principal arn:aws:iam::123456789012:user/nobody is known',
            })
          : req.action === 'bad'
            ? Object.assign(new Error('bad'), {
                code: grpc.status.INVALID_ARGUMENT,
                details: 'action "bad" is not an action',
              })
            : {
                decision: req.action === 's3:GetObject' ? 'ALLOW' : 'IMPLICIT_DENY',
                matched_statements: req.explain && req.action === 's3:GetObject' ? [matched] : [],
                evaluated_at: '0:7',
                decided_by: req.action === 's3:GetObject' ? 'identity' : '',
              },
      SimulateCustomPolicy: (req) => ({
        evaluation_results: (req.action_names as string[]).map((a) => ({
          eval_action_name: a,
          eval_resource_name: '*',
          eval_decision: a === 's3:GetObject' ? 'ALLOW' : 'IMPLICIT_DENY',
          matched_statements: [],
          decided_by: '',
        })),
      }),
      SimulatePrincipalPolicy: () => ({
        evaluation_results: [
          {
            eval_action_name: 's3:GetObject',
            eval_resource_name: '*',
            eval_decision: 'ALLOW',
            matched_statements: [matched],
            decided_by: 'identity',
            allowed_by_permissions_boundary: true,
          },
        ],
        evaluated_at: '0:7',
      }),
    });
  });
  afterAll(() => {
    stub.close();
    dir.cleanup();
  });

  it('check sends the request as the proto says and prints the decision (exit 0 when allowed)', async () => {
    const io = captureIo();
    const code = await runCli(
      [
        'check',
        ALICE,
        's3:GetObject',
        'arn:aws:s3:::reports/q1.csv',
        '--endpoint',
        stub.endpoint,
        '--session-token',
        TOKEN,
        '--context',
        'aws:SourceIp=10.0.0.1',
        '--context',
        'aws:TagKeys=[a,b]',
        '--consistency',
        '0:5',
        '--explain',
      ],
      io,
    );
    expect(code).toBe(AUTHZ_EXIT.allowed);
    expect(stub.received.at(-1)?.authorization).toEqual([`Bearer ${TOKEN}`]);
    expect(stub.received.at(-1)?.request).toMatchObject({
      principal_arn: ALICE,
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::reports/q1.csv',
      context: {
        'aws:SourceIp': { string_value: '10.0.0.1' },
        'aws:TagKeys': { list_value: { values: ['a', 'b'] } },
      },
      consistency: { at_least_as_fresh: '0:5' },
      explain: true,
    });
    expect(io.stdout).toEqual([
      'ALLOW (decided by identity)',
      `  Allow by identity policy ${ALICE}#inline/read statement 0 (Read): Allow s3:GetObject on arn:aws:s3:::reports/*`,
      'evaluated at: 0:7',
    ]);
  });

  it('check exits 1 when denied, and prints JSON with --format json', async () => {
    const io = captureIo();
    const code = await runCli(
      [
        'check',
        ALICE,
        's3:PutObject',
        '*',
        '--endpoint',
        stub.endpoint,
        '--session-token',
        TOKEN,
        '--format',
        'json',
        '--fully-consistent',
        '--principal-session-token',
        'pcst1.k1.the-principals-own',
      ],
      io,
    );
    expect(code).toBe(AUTHZ_EXIT.denied);
    expect(JSON.parse(io.stdout.join('\n'))).toMatchObject({
      decision: 'IMPLICIT_DENY',
      evaluated_at: '0:7',
    });
    expect(stub.received.at(-1)?.request).toMatchObject({
      consistency: { fully_consistent: true },
      principal_session_token: 'pcst1.k1.the-principals-own',
    });
  });

  it('check reports gRPC errors: INVALID_ARGUMENT exits 2, NOT_FOUND 3, unreachable 3', async () => {
    let io = captureIo();
    expect(
      await runCli(
        ['check', ALICE, 'bad', '*', '--endpoint', stub.endpoint, '--session-token', TOKEN],
        io,
      ),
    ).toBe(AUTHZ_EXIT.badInput);
    expect(io.stderr).toEqual(['error: INVALID_ARGUMENT: action "bad" is not an action']);
    io = captureIo();
    expect(
      await runCli(
        [
          'check',
          'arn:aws:iam::123456789012:user/nobody',
          's3:GetObject',
          '*',
          '--endpoint',
          stub.endpoint,
          '--session-token',
          TOKEN,
        ],
        io,
      ),
    ).toBe(AUTHZ_EXIT.failed);
    expect(io.stderr[0]).toMatch(/^error: NOT_FOUND: No principal/);
    io = captureIo();
    expect(
      await runCli(
        ['check', ALICE, 's3:GetObject', '*', '--endpoint', '127.0.0.1:1', '--timeout', '300'],
        io,
      ),
    ).toBe(AUTHZ_EXIT.failed);
    expect(io.stderr[0]).toMatch(/^error: (UNAVAILABLE|DEADLINE_EXCEEDED)/);
  });

  it('simulate sends files and inline documents to SimulateCustomPolicy', async () => {
    const policy = dir.write(
      'p.json',
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
      }),
    );
    const io = captureIo();
    const code = await runCli(
      [
        'simulate',
        '--endpoint',
        stub.endpoint,
        '--session-token',
        TOKEN,
        '--policy',
        `file://${policy}`,
        '--boundary',
        '{"Statement":[]}',
        '--action',
        's3:GetObject',
        '--action',
        's3:PutObject',
        '--resource',
        'arn:aws:s3:::b/k',
        '--context',
        'aws:SourceIp=10.0.0.1',
        '--caller',
        ALICE,
      ],
      io,
    );
    expect(code).toBe(AUTHZ_EXIT.denied); // one of the two is denied
    expect(stub.received.at(-1)).toMatchObject({
      method: 'SimulateCustomPolicy',
      request: {
        policy_input_list: [expect.stringContaining('s3:GetObject')],
        permissions_boundary_policy_input_list: ['{"Statement":[]}'],
        action_names: ['s3:GetObject', 's3:PutObject'],
        resource_arns: ['arn:aws:s3:::b/k'],
        caller_arn: ALICE,
        context_entries: [
          {
            context_key_name: 'aws:SourceIp',
            context_key_values: ['10.0.0.1'],
            context_key_type: 'string',
          },
        ],
      },
    });
    expect(io.stdout).toEqual(['ALLOW  s3:GetObject  *', 'IMPLICIT_DENY  s3:PutObject  *']);
  });

  it('simulate --principal calls SimulatePrincipalPolicy', async () => {
    const io = captureIo();
    const code = await runCli(
      [
        'simulate',
        '--endpoint',
        stub.endpoint,
        '--session-token',
        TOKEN,
        '--principal',
        ALICE,
        '--action',
        's3:GetObject',
        '--consistency',
        '0:5',
      ],
      io,
    );
    expect(code).toBe(AUTHZ_EXIT.allowed);
    expect(stub.received.at(-1)).toMatchObject({
      method: 'SimulatePrincipalPolicy',
      request: { policy_source_arn: ALICE, consistency: { at_least_as_fresh: '0:5' } },
    });
    expect(io.stdout[0]).toBe('ALLOW  s3:GetObject  *  (decided by identity, boundary allows)');
  });

  it('sends AWS_SESSION_TOKEN as the bearer; --session-token takes precedence', async () => {
    const args = ['check', ALICE, 's3:GetObject', '*', '--endpoint', stub.endpoint];
    let run = await runWithEnv(args, { AWS_SESSION_TOKEN: 'from-env' });
    expect(run.exit).toBe(AUTHZ_EXIT.allowed);
    expect(stub.received.at(-1)?.authorization).toEqual(['Bearer from-env']);
    run = await runWithEnv([...args, '--session-token', 'from-flag'], {
      AWS_SESSION_TOKEN: 'from-env',
    });
    expect(stub.received.at(-1)?.authorization).toEqual(['Bearer from-flag']);
    run = await runWithEnv(
      ['simulate', '--endpoint', stub.endpoint, '--principal', ALICE, '--action', 's3:GetObject'],
      { AWS_SESSION_TOKEN: 'from-env' },
    );
    expect(stub.received.at(-1)).toMatchObject({
      method: 'SimulatePrincipalPolicy',
      authorization: ['Bearer from-env'],
    });
  });

  it('without a token, reports UNAUTHENTICATED (exit 3) with a hint, and never shows a token in help', async () => {
    const run = await runWithEnv(
      ['check', ALICE, 's3:GetObject', '*', '--endpoint', stub.endpoint],
      {},
    );
    expect(run.exit).toBe(AUTHZ_EXIT.failed);
    expect(stub.received.at(-1)?.authorization).toEqual([]);
    expect(run.io.stderr).toEqual([
      'error: UNAUTHENTICATED: missing bearer token',
      'hint: set AWS_SESSION_TOKEN or --session-token to the SessionToken of temporary credentials (GetSessionToken or AssumeRole)',
    ]);
    const help = captureIo();
    const program = new Command('portcullis').exitOverride();
    program.configureOutput({ writeOut: (t) => help.out(t), writeErr: (t) => help.err(t) });
    registerAuthzCommands(program, help, () => undefined, {
      env: { AWS_SESSION_TOKEN: 'secret-token' },
    });
    await expect(program.parseAsync(['check', '--help'], { from: 'user' })).rejects.toThrow();
    expect(help.stdout.join('')).toContain('--session-token <token>');
    expect(help.stdout.join('')).not.toContain('secret-token');
  });

  it('refuses unusable input before calling: no action, a file that is not JSON, a bad context', async () => {
    const notJson = dir.write('bad.json', '{');
    for (const args of [
      ['simulate', '--endpoint', stub.endpoint],
      [
        'simulate',
        '--endpoint',
        stub.endpoint,
        '--session-token',
        TOKEN,
        '--action',
        's3:GetObject',
        '--policy',
        `file://${notJson}`,
      ],
      ['check', ALICE, 's3:GetObject', '*', '--endpoint', stub.endpoint, '--context', 'novalue'],
    ]) {
      const io = captureIo();
      const before = stub.received.length;
      expect(await runCli(args, io)).toBe(2);
      expect(io.stderr.join('\n')).toMatch(/^error: /);
      expect(stub.received.length).toBe(before);
    }
  });
});
