import { Command, Option } from 'commander';
import type { CliIo } from '../cli-io';
import { collect, timeoutArgument } from './authz-arguments';
import { DEFAULT_GRPC_ENDPOINT, lazyGrpcAuthzCall, type AuthzCall } from './authz-call';
import { checkCommand, type CheckOptions } from './check.command';
import { simulateCommand, type SimulateOptions } from './simulate.command';

const EXIT_CODES =
  'Exit codes: 0 allowed (simulate: every result), 1 denied, 2 bad input (INVALID_ARGUMENT), ' +
  '3 no answer (NOT_FOUND, UNAUTHENTICATED, PERMISSION_DENIED, DEADLINE_EXCEEDED, unreachable, ...).';

/**
 * `check` and `simulate`: AuthorizationService over gRPC (`--endpoint`, default 127.0.0.1:50051),
 * authenticated by the SessionToken of temporary credentials (`--session-token`, else
 * AWS_SESSION_TOKEN, as the AWS CLI and SDKs read it), sent as `authorization: Bearer <token>`.
 */
export function registerAuthzCommands(
  program: Command,
  io: CliIo,
  setExit: (code: number) => void,
  overrides: { call?: AuthzCall; env?: NodeJS.ProcessEnv } = {},
): void {
  const call = overrides.call ?? lazyGrpcAuthzCall;
  const env = overrides.env ?? process.env;
  const endpoint = () =>
    new Option('--endpoint <host:port>', 'the query service (gRPC)').default(
      env.IAM_GRPC_ENDPOINT || DEFAULT_GRPC_ENDPOINT,
    );
  const common = (c: Command) =>
    c
      .addOption(endpoint())
      .addOption(
        new Option('--format <format>', 'output').choices(['text', 'json']).default('text'),
      )
      .option(
        '--timeout <ms>',
        'deadline of the call (and of waiting for freshness)',
        timeoutArgument,
        10_000,
      )
      // No default shown: the token is a credential, and help output gets pasted around.
      .option(
        '--session-token <token>',
        'SessionToken of temporary credentials (GetSessionToken, AssumeRole), sent as the bearer; default $AWS_SESSION_TOKEN',
      );
  const withToken = <O extends { sessionToken?: string }>(opts: O): O => ({
    ...opts,
    sessionToken: opts.sessionToken || env.AWS_SESSION_TOKEN || undefined,
  });

  common(
    program
      .command('check')
      .description(`may <principal> perform <action> on <resource>? (gRPC Check). ${EXIT_CODES}`)
      .argument(
        '<principal>',
        'user, role, role session (arn:aws:sts::…:assumed-role/…) or root ARN',
      )
      .argument('<action>', 'service:Action, e.g. s3:GetObject')
      .argument('<resource>', 'an ARN, or *')
      .option(
        '--context <key=value>',
        'request context key (repeatable; [a,b] for a list)',
        collect,
      )
      .option('--resource-policy <policy>', "the resource's policy: file://path or JSON text")
      .option('--consistency <token>', 'at_least_as_fresh: a consistency token of a write')
      .option('--fully-consistent', 'wait until the end of the event log is reflected')
      .option('--explain', 'show the statements that matched')
      .option(
        '--principal-session-token <token>',
        "the SessionToken the principal presented (its session's policies and keys apply)",
      ),
  ).action(async (principal: string, action: string, resource: string, opts: CheckOptions) => {
    setExit(await checkCommand(principal, action, resource, withToken(opts), io, call));
  });

  common(
    program
      .command('simulate')
      .description(
        `simulate policies against actions × resources (gRPC SimulateCustomPolicy, or SimulatePrincipalPolicy with --principal). ${EXIT_CODES}`,
      )
      .option(
        '--policy <policy>',
        'identity policy: file://path or JSON text (repeatable)',
        collect,
      )
      .option('--boundary <policy>', 'permissions boundary: file://path or JSON text')
      .option('--resource-policy <policy>', 'resource policy: file://path or JSON text')
      .option('--principal <arn>', "simulate this user's, group's or role's stored policies")
      .option(
        '--caller <arn>',
        'the simulated caller (matched against Principal in --resource-policy)',
      )
      .option('--action <action>', 'service:Action (repeatable)', collect)
      .option('--resource <arn>', 'resource ARN (repeatable; default *)', collect)
      .option('--context <key=value>', 'context entry (repeatable; [a,b] for a list)', collect)
      .option('--consistency <token>', 'with --principal: at_least_as_fresh token'),
  ).action(async (opts: SimulateOptions) => {
    setExit(await simulateCommand(withToken(opts), io, call));
  });
}
