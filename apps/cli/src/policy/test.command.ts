import { formatExplanation, runCase } from '@portcullis/policy';
import { EXIT, type CliIo } from '../cli-io';
import { readCaseFile, type LocatedCase } from './case-files';

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}

/**
 * `policy test`: evaluates every case of the files and compares with its `expect`. Prints each
 * failure with the engine's explanation and ends with `N passed, N failed`. Exit 1 on any failure;
 * 2 (before running anything) if a file is unreadable or has a malformed line.
 */
export async function testCommand(files: string[], io: CliIo): Promise<number> {
  const all: LocatedCase[] = [];
  for (const file of files) all.push(...(await readCaseFile(file)));
  let passed = 0;
  let failed = 0;
  for (const { file, line, policyCase } of all) {
    const outcome = runCase(policyCase);
    if (outcome.pass) {
      passed++;
      continue;
    }
    failed++;
    io.out(`FAIL ${policyCase.id} (${file}:${line})`);
    if (policyCase.about) io.out(`    ${policyCase.about}`);
    io.out(`    expected ${outcome.expected}, got ${outcome.actual ?? 'an error'}`);
    io.out(
      outcome.result !== null
        ? indent(formatExplanation(outcome.result, policyCase.request))
        : `    error: ${outcome.error}`,
    );
  }
  io.out(`${passed} passed, ${failed} failed`);
  return failed > 0 ? EXIT.failed : EXIT.ok;
}
