/**
 * Runs the project's policy-case corpus (libs/policy/cases/*.jsonl, format in
 * ../shared/policy-cases/FORMAT.md) through the engine: one test per case, and on failure the
 * case's `about` plus the engine's explanation. A first block checks that every line is a
 * well-formed case, so a typo in the corpus fails loudly instead of being skipped.
 */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { formatExplanation, parseCases, runCase, type PolicyCase } from '@portcullis/policy';

const CASES_DIR = join(__dirname, 'cases');
/** Copied verbatim from the shared sample; exempt from the project's own style rules. */
const SAMPLE_FILE = 'aws-sample.jsonl';

const CASE_KEYS = ['about', 'expect', 'id', 'policies', 'request'];
const POLICY_KINDS = new Set(['identity', 'resource', 'boundary', 'session', 'scp']);
const REQUEST_KEYS = new Set(['principal', 'action', 'resource', 'context']);
const DECISIONS = new Set(['Allow', 'ExplicitDeny', 'ImplicitDeny']);

const files = readdirSync(CASES_DIR)
  .filter((name) => name.endsWith('.jsonl'))
  .sort();

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPolicyDocument(value: unknown): boolean {
  return isObject(value) && 'Statement' in value;
}

/** Problems with one raw line, or [] when it is a well-formed case. */
function lineProblems(line: string, ownCorpus: boolean): string[] {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    return [`not JSON: ${(err as Error).message}`];
  }
  if (!isObject(value)) return ['not a JSON object'];
  const problems: string[] = [];
  const keys = Object.keys(value).sort();
  if (keys.join(',') !== CASE_KEYS.join(',')) {
    problems.push(`keys are [${keys.join(', ')}], want [${CASE_KEYS.join(', ')}]`);
  }
  const { id, about, policies, request, expect: decision } = value;
  if (typeof id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(id)) {
    problems.push('id must be lower-case kebab-case');
  }
  if (typeof about !== 'string' || about.trim() === '') problems.push('about must be a sentence');
  if (
    ownCorpus &&
    typeof about === 'string' &&
    !/\[[^\]]*(IAM UG|Organizations UG)[^\]]*\]$/.test(about)
  ) {
    problems.push('about must end with the AWS documentation it relies on, in [brackets]');
  }
  if (!DECISIONS.has(decision as string)) problems.push(`expect "${String(decision)}"`);
  if (!isObject(policies)) {
    problems.push('policies must be an object');
  } else {
    for (const [kind, docs] of Object.entries(policies)) {
      if (!POLICY_KINDS.has(kind)) problems.push(`unknown policy kind "${kind}"`);
      const ok =
        kind === 'resource' || kind === 'boundary'
          ? docs === null || isPolicyDocument(docs)
          : kind === 'scp'
            ? Array.isArray(docs) &&
              docs.every((level) => Array.isArray(level) && level.every(isPolicyDocument))
            : Array.isArray(docs) && docs.every(isPolicyDocument);
      if (!ok) problems.push(`policies.${kind} has the wrong shape`);
    }
  }
  if (!isObject(request)) {
    problems.push('request must be an object');
  } else {
    for (const key of Object.keys(request)) {
      if (!REQUEST_KEYS.has(key)) problems.push(`unknown request field "${key}"`);
    }
    for (const key of ['principal', 'action', 'resource']) {
      if (typeof request[key] !== 'string' || request[key] === '') {
        problems.push(`request.${key} must be a non-empty string`);
      }
    }
    if (!isObject(request['context'])) problems.push('request.context must be an object');
  }
  return problems;
}

describe('policy case corpus: file format', () => {
  it('has the feature files and the AWS sample', () => {
    expect(files).toContain(SAMPLE_FILE);
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files)('%s: every line is a well-formed case', (file) => {
    const lines = readFileSync(join(CASES_DIR, file), 'utf8').split('\n');
    expect(lines.pop()).toBe(''); // ends with a newline, and no blank lines in between
    const problems = lines.flatMap((line, i) =>
      lineProblems(line, file !== SAMPLE_FILE).map((p) => `line ${i + 1}: ${p}`),
    );
    expect(problems).toEqual([]);
  });

  it('ids are unique across files', () => {
    const seen = new Map<string, string>();
    const dups: string[] = [];
    for (const file of files) {
      for (const c of parseCases(readFileSync(join(CASES_DIR, file), 'utf8'))) {
        const previous = seen.get(c.id);
        if (previous !== undefined) dups.push(`${c.id} (${previous}, ${file})`);
        seen.set(c.id, file);
      }
    }
    expect(dups).toEqual([]);
  });
});

describe.each(files)('policy case corpus: %s', (file) => {
  const cases: PolicyCase[] = parseCases(readFileSync(join(CASES_DIR, file), 'utf8'));

  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, policyCase) => {
    const outcome = runCase(policyCase);
    if (!outcome.pass) {
      const detail =
        outcome.result !== null
          ? formatExplanation(outcome.result, policyCase.request)
          : `error: ${outcome.error}`;
      throw new Error(
        `${policyCase.about ?? ''}\nexpected ${outcome.expected}, got ${outcome.actual}\n${detail}`,
      );
    }
  });
});
