import {
  SIZE_LIMITS,
  defaultSizeLimit,
  validatePolicy,
  type PolicyKind,
  type SizeLimitName,
  type ValidationResult,
} from '@portcullis/policy';
import { CliInputError, EXIT, readTextFile, type CliIo } from '../cli-io';

export const POLICY_KINDS: readonly PolicyKind[] = [
  'identity',
  'resource',
  'trust',
  'boundary',
  'scp',
];
export const SIZE_LIMIT_NAMES = [...(Object.keys(SIZE_LIMITS) as SizeLimitName[]), 'none'] as const;
export type OutputFormat = 'text' | 'jsonl';

export interface ValidateOptions {
  kind?: string;
  /** A SIZE_LIMITS name, "none", or a positive number of characters. */
  sizeLimit?: string;
  format?: string;
}

interface Settings {
  kind: PolicyKind;
  sizeLimit: SizeLimitName | number | null;
  format: OutputFormat;
}

function settings(options: ValidateOptions): Settings {
  const kind = (options.kind ?? 'identity') as PolicyKind;
  if (!POLICY_KINDS.includes(kind)) {
    throw new CliInputError(
      `--kind must be one of ${POLICY_KINDS.join(', ')} (got "${options.kind}")`,
    );
  }
  let sizeLimit: SizeLimitName | number | null;
  const limit = options.sizeLimit;
  if (limit === undefined) sizeLimit = defaultSizeLimit(kind);
  else if (limit === 'none') sizeLimit = null;
  else if (Object.hasOwn(SIZE_LIMITS, limit)) sizeLimit = limit as SizeLimitName;
  else if (/^[1-9]\d*$/.test(limit)) sizeLimit = Number(limit);
  else {
    throw new CliInputError(
      `--size-limit must be one of ${SIZE_LIMIT_NAMES.join(', ')} or a number of characters (got "${limit}")`,
    );
  }
  const format = (options.format ?? 'text') as OutputFormat;
  if (format !== 'text' && format !== 'jsonl') {
    throw new CliInputError(`--format must be text or jsonl (got "${options.format}")`);
  }
  return { kind, sizeLimit, format };
}

function textReport(file: string, result: ValidationResult, io: CliIo): void {
  const problems = result.errors.length + result.findings.length;
  const verdict = result.valid ? 'valid' : 'rejected';
  io.out(
    `${file}: ${verdict}${problems === 0 ? '' : ` (${result.errors.length} rejection(s), ${result.findings.length} finding(s))`}`,
  );
  for (const e of result.errors) {
    const detail = e.detail === undefined || e.detail === e.message ? '' : ` (${e.detail})`;
    io.out(`  rejection ${e.path || '/'} ${e.code}: ${e.message}${detail}`);
  }
  for (const f of result.findings) {
    io.out(`  finding ${f.severity} ${f.path || '/'} ${f.code}: ${f.message}`);
  }
}

function jsonlReport(file: string, result: ValidationResult, io: CliIo): void {
  io.out(
    JSON.stringify({
      file,
      valid: result.valid,
      errors: result.errors.map(({ path, code, message }) => ({ path, code, message })),
      findings: result.findings.map(({ path, severity, message }) => ({ path, severity, message })),
    }),
  );
}

/**
 * `policy validate`: validates each policy file as IAM would on storing it (rejections) and as
 * Access Analyzer would advise (findings). Exit 1 if any file is rejected, 2 if any file cannot be
 * read (or the options are wrong), else 0. Every readable file is reported.
 */
export async function validateCommand(
  files: string[],
  options: ValidateOptions,
  io: CliIo,
): Promise<number> {
  const { kind, sizeLimit, format } = settings(options);
  let exit: number = EXIT.ok;
  let valid = 0;
  let rejected = 0;
  for (const file of files) {
    let text: string;
    try {
      text = await readTextFile(file);
    } catch (err) {
      if (!(err instanceof CliInputError)) throw err;
      io.err(`error: ${err.message}`);
      exit = EXIT.badInput;
      continue;
    }
    const result = validatePolicy(text, { kind, sizeLimit });
    if (result.valid) valid++;
    else {
      rejected++;
      if (exit === EXIT.ok) exit = EXIT.failed;
    }
    if (format === 'jsonl') jsonlReport(file, result, io);
    else textReport(file, result, io);
  }
  if (format === 'text' && files.length > 1) {
    io.out(
      `${files.length} file(s): ${valid} valid, ${rejected} rejected${exit === EXIT.badInput ? ', some unreadable' : ''}`,
    );
  }
  return exit;
}
