export { SIZE_LIMITS } from './types';
export type {
  PolicyKind,
  SizeLimitName,
  PolicyError,
  PolicyFinding,
  FindingSeverity,
  ValidationResult,
  ValidatePolicyOptions,
} from './types';
export { validatePolicy, defaultSizeLimit } from './validate-policy';
export { policySize } from './policy-size';
export { FINDING_CODES } from './findings';
export type { FindingCode } from './findings';
export { MESSAGES as POLICY_ERROR_MESSAGES } from './messages';
export { CATALOGUE_SOURCE } from './catalogue/catalogue';
