/**
 * @portcullis/policy: AWS-IAM-style policy engine. Pure TypeScript: parse → validate → compile →
 * evaluate → explain.
 */
export type {
  AuthorizationRequest,
  ConditionBlock,
  ContextValue,
  Decision,
  Effect,
  Gate,
  PolicyDocument,
  Principal,
  PrincipalType,
  RequestContext,
  Statement,
  StatementMatch,
} from './types';

export { parsePolicy } from './parse/parse-policy';
export { PolicyParseError } from './parse/policy-parse.error';

export {
  compilePolicy,
  CompiledPolicy,
  CompiledStatement,
  type CompilePolicyOptions,
} from './compile/compile-policy';
export {
  CONDITION_OPERATORS,
  CONDITION_SET_OPERATORS,
  NEGATED_CONDITION_OPERATORS,
  VARIABLE_OPERATORS,
  parseConditionOperator,
  type ConditionOperatorName,
  type ConditionSetOperator,
  type ParsedConditionOperator,
} from './compile/conditions/operators';
export { VARIABLES_VERSION } from './compile/variables';

export {
  evaluate,
  ROOT_USER_MATCH,
  type EvaluationInput,
  type EvaluationResult,
} from './evaluate/evaluate';
export { explainDecision, formatExplanation } from './explain/format-explanation';

export {
  parseCases,
  evaluateCase,
  runCase,
  caseInput,
  PolicyCaseFormatError,
  type PolicyCase,
  type CaseOutcome,
} from './cases';

export * from './validate';
