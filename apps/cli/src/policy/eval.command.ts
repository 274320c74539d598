import { evaluateCase } from '@portcullis/policy';
import { EXIT, type CliIo } from '../cli-io';
import { readCaseFile } from './case-files';

export interface EvalOptions {
  explain?: boolean;
}

/**
 * `policy eval`: evaluates every case of a JSON Lines file, ignoring its `expect`, and prints one
 * JSON line per case in file order: {"id", "decision"} plus "explanation" (the statements that
 * matched) with --explain. A case whose policies cannot be compiled prints {"id", "error"} and
 * makes the exit code 2; so does an unreadable file or a malformed line (then nothing is printed).
 */
export async function evalCommand(file: string, options: EvalOptions, io: CliIo): Promise<number> {
  const cases = await readCaseFile(file);
  let exit: number = EXIT.ok;
  for (const { policyCase, line } of cases) {
    try {
      const result = evaluateCase(policyCase);
      io.out(
        JSON.stringify(
          options.explain
            ? { id: policyCase.id, decision: result.decision, explanation: result.explanation }
            : { id: policyCase.id, decision: result.decision },
        ),
      );
    } catch (err) {
      const message = (err as Error).message;
      io.out(JSON.stringify({ id: policyCase.id, error: message }));
      io.err(`error: ${file}:${line} (case ${policyCase.id}): ${message}`);
      exit = EXIT.badInput;
    }
  }
  return exit;
}
