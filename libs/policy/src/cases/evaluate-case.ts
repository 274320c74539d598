import { compilePolicy, type CompiledPolicy } from '../compile/compile-policy';
import { evaluate, type EvaluationInput, type EvaluationResult } from '../evaluate/evaluate';
import type { Decision } from '../types';
import type { PolicyCase } from './policy-case';

/** Compile a case's policies into evaluation input (policy ids name where each came from). */
export function caseInput(policyCase: PolicyCase): EvaluationInput {
  const { policies } = policyCase;
  const compile = (doc: unknown, id: string): CompiledPolicy => compilePolicy(doc, { id });
  const input: EvaluationInput = { request: policyCase.request };
  if (policies.identity !== undefined) {
    input.identity = policies.identity.map((doc, i) => compile(doc, `identity[${i}]`));
  }
  if (policies.resource !== undefined && policies.resource !== null) {
    input.resource = compile(policies.resource, 'resource');
  }
  if (policies.boundary !== undefined && policies.boundary !== null) {
    input.boundary = compile(policies.boundary, 'boundary');
  }
  if (policies.session !== undefined) {
    input.session = policies.session.map((doc, i) => compile(doc, `session[${i}]`));
  }
  if (policies.scp !== undefined) {
    input.scp = policies.scp.map((level, l) =>
      level.map((doc, i) => compile(doc, `scp[${l}][${i}]`)),
    );
  }
  return input;
}

/** Evaluate one case (its expectation is not consulted; see `runCase`). */
export function evaluateCase(policyCase: PolicyCase): EvaluationResult {
  return evaluate(caseInput(policyCase));
}

export interface CaseOutcome {
  id: string;
  expected: Decision;
  actual: Decision | null;
  pass: boolean;
  result: EvaluationResult | null;
  /** Set when a policy of the case could not be compiled. */
  error?: string;
}

/** Evaluate a case and compare with its expectation; never throws on a bad policy. */
export function runCase(policyCase: PolicyCase): CaseOutcome {
  try {
    const result = evaluateCase(policyCase);
    return {
      id: policyCase.id,
      expected: policyCase.expect,
      actual: result.decision,
      pass: result.decision === policyCase.expect,
      result,
    };
  } catch (err) {
    return {
      id: policyCase.id,
      expected: policyCase.expect,
      actual: null,
      pass: false,
      result: null,
      error: (err as Error).message,
    };
  }
}
