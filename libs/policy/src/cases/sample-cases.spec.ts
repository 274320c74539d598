// Specs may read fixtures; the library code itself does no I/O.
// eslint-disable-next-line no-restricted-imports
import { readFileSync } from 'fs';
import { join } from 'path';
import { formatExplanation } from '../explain/format-explanation';
import { evaluateCase, parseCases, runCase } from './index';

// The repository's verbatim copy of the shared sample (see libs/policy/cases/README.md).
const SAMPLE = join(__dirname, '../../cases/aws-sample.jsonl');

describe('shared conformance sample (policy-cases/sample.jsonl)', () => {
  const cases = parseCases(readFileSync(SAMPLE, 'utf8'));

  it('holds cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(50);
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, policyCase) => {
    const outcome = runCase(policyCase);
    if (!outcome.pass) {
      const detail = outcome.result
        ? formatExplanation(outcome.result, policyCase.request)
        : outcome.error;
      throw new Error(
        `${policyCase.about ?? ''}\nexpected ${outcome.expected}, got ${outcome.actual}\n${detail}`,
      );
    }
  });

  it('explains which statements decided', () => {
    const denyCase = cases.find((c) => c.id === 'sample-deny-beats-allow');
    expect(denyCase).toBeDefined();
    const result = evaluateCase(denyCase!);
    expect(result.decidedBy).toBe('identity');
    expect(result.explanation).toEqual([
      expect.objectContaining({
        gate: 'identity',
        policyId: 'identity[0]',
        statementIndex: 0,
        effect: 'Allow',
      }),
      expect.objectContaining({
        gate: 'identity',
        policyId: 'identity[1]',
        statementIndex: 0,
        effect: 'Deny',
      }),
    ]);
  });
});

describe('Portcullis conformance corpus (cases/corpus/portcullis.jsonl)', () => {
  const cases = parseCases(readFileSync(join(__dirname, 'corpus/portcullis.jsonl'), 'utf8'));

  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, policyCase) => {
    const outcome = runCase(policyCase);
    if (!outcome.pass) {
      const detail = outcome.result
        ? formatExplanation(outcome.result, policyCase.request)
        : outcome.error;
      throw new Error(
        `${policyCase.about ?? ''}\nexpected ${outcome.expected}, got ${outcome.actual}\n${detail}`,
      );
    }
  });
});

describe('parseCases', () => {
  it('skips blank lines and reports malformed lines with their number', () => {
    const ok = JSON.stringify({
      id: 'x',
      policies: {},
      request: { principal: 'p', action: 'a:b', resource: '*' },
      expect: 'ImplicitDeny',
    });
    expect(parseCases(`\n${ok}\n\n`)).toHaveLength(1);
    expect(() => parseCases(`${ok}\n{`)).toThrow(/^line 2: not valid JSON/);
    expect(() => parseCases(ok.replace('ImplicitDeny', 'Deny'))).toThrow(/line 1 \(x\): "expect"/);
    expect(() => parseCases(ok.replace('"policies":{}', '"policies":{"idnetity":[]}'))).toThrow(
      /unknown policy kind "idnetity"/,
    );
  });
});
