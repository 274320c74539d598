import { Command, CommanderError, Option } from 'commander';
import { registerAuthzCommands } from './authz/authz.command';
import { CliInputError, EXIT, type CliIo } from './cli-io';
import { IamCliExit, registerIamCommands } from './iam/iam.command';
import { evalCommand } from './policy/eval.command';
import { testCommand } from './policy/test.command';
import { POLICY_KINDS, SIZE_LIMIT_NAMES, validateCommand } from './policy/validate.command';
import { registerReplayCommands } from './replay/replay.command';

/**
 * Builds the `portcullis` command tree. Actions store their exit code instead of exiting, so the
 * same program runs in the real process (main.ts) and in specs.
 */
export function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command('portcullis')
    .description(
      'Portcullis: an event-sourced identity and access management service in the style of AWS IAM',
    )
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (s) =>
        s
          .replace(/\n$/, '')
          .split('\n')
          .forEach((l) => io.out(l)),
      writeErr: (s) =>
        s
          .replace(/\n$/, '')
          .split('\n')
          .forEach((l) => io.err(l)),
    })
    .exitOverride();

  const policy = program
    .command('policy')
    .description('work with IAM policy documents and policy evaluation cases offline');

  policy
    .command('validate')
    .description(
      'check policy documents as IAM does when storing them, plus Access Analyzer-style findings',
    )
    .addOption(
      new Option('--kind <kind>', 'what the documents are')
        .choices([...POLICY_KINDS])
        .default('identity'),
    )
    .addOption(
      new Option(
        '--size-limit <limit>',
        `IAM size quota: ${SIZE_LIMIT_NAMES.join('|')} or a number of characters (default: managed for identity and boundary, trust for trust, none otherwise)`,
      ),
    )
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'jsonl']).default('text'),
    )
    .argument('<file...>', 'policy JSON files')
    .action(async (files: string[], opts: { kind: string; sizeLimit?: string; format: string }) => {
      setExit(await validateCommand(files, opts, io));
    });

  policy
    .command('eval')
    .description('evaluate each case of a JSON Lines file and print {"id","decision"} per line')
    .option('--explain', 'include the statements that decided')
    .argument('<cases.jsonl>', 'policy cases (format: policy-cases FORMAT.md)')
    .action(async (file: string, opts: { explain?: boolean }) => {
      setExit(await evalCommand(file, opts, io));
    });

  policy
    .command('test')
    .description(
      'evaluate cases and compare with their "expect"; prints failures and "N passed, N failed"',
    )
    .argument('<cases.jsonl...>', 'policy case files')
    .action(async (files: string[]) => {
      setExit(await testCommand(files, io));
    });

  registerIamCommands(program, io, setExit);
  registerAuthzCommands(program, io, setExit);
  registerReplayCommands(program, io, setExit);

  return program;
}

/** Runs the CLI on arguments (without "node script"); resolves to the process exit code. */
export async function runCli(args: string[], io: CliIo): Promise<number> {
  let exit: number = EXIT.ok;
  const program = buildProgram(io, (code) => (exit = code));
  try {
    await program.parseAsync(args, { from: 'user' });
    return exit;
  } catch (err) {
    if (err instanceof IamCliExit) return err.exitCode;
    if (err instanceof CliInputError) {
      io.err(`error: ${err.message}`);
      return EXIT.badInput;
    }
    if (err instanceof CommanderError) {
      // Help and version are not errors; commander has already printed its message otherwise.
      return err.exitCode === 0 ? EXIT.ok : EXIT.badInput;
    }
    throw err;
  }
}
