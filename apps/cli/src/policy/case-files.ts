import { PolicyCaseFormatError, parseCases, type PolicyCase } from '@portcullis/policy';
import { CliInputError, readTextFile } from '../cli-io';

/** A case together with where it was read from, for messages a person can follow. */
export interface LocatedCase {
  file: string;
  line: number;
  policyCase: PolicyCase;
}

/**
 * Reads a JSON Lines file of policy cases (../shared/policy-cases/FORMAT.md). Each non-blank line
 * must be a case; the first bad line stops the file with `file:line: reason`.
 */
export async function readCaseFile(file: string): Promise<LocatedCase[]> {
  const text = await readTextFile(file);
  const cases: LocatedCase[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    try {
      for (const policyCase of parseCases(lines[i])) cases.push({ file, line: i + 1, policyCase });
    } catch (err) {
      if (!(err instanceof PolicyCaseFormatError)) throw err;
      // parseCases numbers lines from 1 within what it was given: one line here.
      const reason = err.message.replace(/^line \d+(?: \([^)]*\))?: /, '');
      const id = err.caseId === undefined ? '' : ` (case ${err.caseId})`;
      throw new CliInputError(`${file}:${i + 1}${id}: ${reason}`);
    }
  }
  return cases;
}
