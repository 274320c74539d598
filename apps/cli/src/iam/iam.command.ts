import { Command, CommanderError, Option } from 'commander';
import type { CliIo } from '../cli-io';
import {
  ParameterError,
  readTextFile,
  requestFrom,
  type FileReader,
  type RawValue,
} from './iam-arguments';
import {
  callAction,
  callAllPages,
  credentialsFromEnv,
  DEFAULT_ENDPOINT,
  DEFAULT_REGION,
  printable,
  regionFrom,
  type CallOptions,
  type Send,
} from './iam-client';
import type { IamOperation, IamParam } from './iam-operations';
import { iamOperations } from './iam-service-model';

/** The AWS CLI's exit codes. */
export const IAM_EXIT = {
  ok: 0,
  /** The command line could not be parsed (unknown option, missing parameter, bad value). */
  usage: 252,
  /** The environment is unusable: no (or partial) credentials. Nothing was sent. */
  config: 253,
  /** The service answered an error. */
  service: 254,
  /** Anything else: the endpoint is unreachable, or its answer is unusable. */
  failed: 255,
} as const;

/** Ends `portcullis iam …` with an exit code; program.ts's runCli returns it. */
export class IamCliExit extends Error {
  override readonly name = 'IamCliExit';
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
  }
}

export interface IamCliDeps {
  operations: readonly IamOperation[];
  send: Send;
  readFile: FileReader;
  env: NodeJS.ProcessEnv;
}

/** The global options every `iam` command takes (they may come before or after the command). */
interface GlobalOptions {
  endpoint?: string;
  region?: string;
  idempotencyKey?: string;
  paginate?: boolean;
}

const GLOBAL_FLAGS = ['--endpoint', '--region', '--idempotency-key', '--paginate'];

function optionFor(param: IamParam): Option[] {
  const description = param.description;
  switch (param.shape.kind) {
    case 'boolean':
      return [
        new Option(param.flag, description),
        new Option(`--no-${param.flag.slice(2)}`, `not ${param.flag}`),
      ];
    case 'string-list':
    case 'structure-list':
      return [new Option(`${param.flag} <values...>`, description)];
    default:
      return [new Option(`${param.flag} <value>`, description)];
  }
}

function print(io: CliIo, value: unknown): void {
  for (const line of JSON.stringify(value, null, 4).split('\n')) io.out(line);
}

async function run(
  op: IamOperation,
  given: Record<string, RawValue | undefined>,
  globals: GlobalOptions,
  io: CliIo,
  deps: Omit<IamCliDeps, 'operations'>,
): Promise<number> {
  let body: Record<string, unknown>;
  try {
    body = await requestFrom(op, given, deps.readFile);
  } catch (err) {
    if (!(err instanceof ParameterError)) throw err;
    io.err('');
    io.err(err.message);
    return IAM_EXIT.usage;
  }
  // The caller is whoever the credentials belong to: the service reads it from the signature.
  const found = credentialsFromEnv(deps.env);
  if (!found.ok) {
    io.err('');
    io.err(found.message);
    return IAM_EXIT.config;
  }
  const options: CallOptions = {
    endpoint: globals.endpoint ?? deps.env.IAM_ENDPOINT ?? DEFAULT_ENDPOINT,
    credentials: found.credentials,
    region: regionFrom(globals.region, deps.env),
    ...(globals.idempotencyKey ? { idempotencyKey: globals.idempotencyKey } : {}),
  };
  const pageable = op.params.some((p) => p.name === 'Marker');
  const allPages =
    pageable && globals.paginate !== false && !('Marker' in body) && !('MaxItems' in body);
  const outcome = allPages
    ? await callAllPages(op.action, body, options, deps.send)
    : await callAction(op.action, body, options, deps.send);
  switch (outcome.kind) {
    case 'ok':
      print(io, printable(outcome.result, op.action));
      return IAM_EXIT.ok;
    case 'service-error':
      io.err('');
      io.err(
        `An error occurred (${outcome.code}) when calling the ${op.action} operation: ${outcome.message}`,
      );
      return IAM_EXIT.service;
    case 'failed':
      io.err('');
      io.err(outcome.message);
      return IAM_EXIT.failed;
  }
}

/**
 * `portcullis iam <command> [--param value …]`: one command per action of the API, generated
 * from its OpenAPI document (as the AWS CLI is from its service models), with the AWS CLI's
 * parameter names and value syntax (shorthand, JSON, `file://`), credentials (the `AWS_*`
 * environment variables; every request signed with SigV4), output and exit codes.
 */
export function registerIamCommands(
  program: Command,
  io: CliIo,
  setExit: (code: number) => void,
  overrides: Partial<IamCliDeps> = {},
): Command {
  const deps: Omit<IamCliDeps, 'operations'> = {
    send: overrides.send ?? fetch,
    readFile: overrides.readFile ?? readTextFile,
    env: overrides.env ?? process.env,
  };
  const iam = program
    .command('iam')
    .description('IAM actions of a Portcullis endpoint, in the style of `aws iam`')
    .option('--endpoint <url>', `the API (default: $IAM_ENDPOINT or ${DEFAULT_ENDPOINT})`)
    .option(
      '--region <region>',
      `the region requests are signed for (default: $AWS_REGION, $AWS_DEFAULT_REGION or ${DEFAULT_REGION})`,
    )
    .option('--idempotency-key <key>', 'command id: a retry with the same key changes nothing')
    .option('--no-paginate', 'answer one page of a list instead of following its Marker')
    .addHelpText(
      'after',
      [
        '',
        'Credentials, as the AWS CLI reads them: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (an',
        'access key), plus AWS_SESSION_TOKEN for temporary credentials. Every request is signed',
        'with AWS Signature Version 4 (service iam; sts for get-caller-identity); the caller and',
        'its account are whoever the credentials belong to.',
      ].join('\n'),
    )
    // A usage error under `iam` ends with the AWS CLI's 252 instead of commander's code.
    .exitOverride((err: CommanderError) => {
      throw err.exitCode === 0 ? err : new IamCliExit(IAM_EXIT.usage);
    });

  // The actions are added when `iam` is the command run: loading the catalog and its DTOs takes
  // a moment the `policy` commands should not pay.
  let added = false;
  program.hook('preSubcommand', (_program, subcommand) => {
    if (subcommand !== iam || added) return;
    added = true;
    addOperations(iam, overrides.operations ?? iamOperations(), io, setExit, deps);
  });
  return iam;
}

function addOperations(
  iam: Command,
  operations: readonly IamOperation[],
  io: CliIo,
  setExit: (code: number) => void,
  deps: Omit<IamCliDeps, 'operations'>,
): void {
  for (const op of operations) {
    const command = iam
      .command(op.command)
      .description(
        `${op.action}: ${op.summary ?? (op.kind === 'read' ? 'read, answered from the account owner’s state' : 'write')}`,
      );
    const byParam = new Map<string, Option>();
    for (const param of op.params) {
      if (GLOBAL_FLAGS.includes(param.flag)) {
        throw new Error(`${op.action}'s ${param.name} collides with the global ${param.flag}`);
      }
      const [option, ...negation] = optionFor(param);
      if (param.required) option.makeOptionMandatory();
      command.addOption(option);
      for (const n of negation) command.addOption(n);
      byParam.set(param.name, option);
    }
    command.action(async (opts: Record<string, unknown>, cmd: Command) => {
      const given: Record<string, RawValue | undefined> = {};
      for (const [name, option] of byParam) {
        given[name] = opts[option.attributeName()] as RawValue | undefined;
      }
      setExit(await run(op, given, cmd.optsWithGlobals<GlobalOptions>(), io, deps));
    });
  }
}
