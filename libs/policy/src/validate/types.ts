/** Which kind of policy a document is validated as: the rules differ (Principal, Resource, Version). */
export type PolicyKind = 'identity' | 'resource' | 'trust' | 'boundary' | 'scp';

/**
 * IAM character quotas (IAM does not count white space). Inline quotas are per entity, summed over
 * all of its inline policies; the validator checks one document, the caller adds them up.
 */
export const SIZE_LIMITS = {
  managed: 6144,
  'user-inline': 2048,
  'group-inline': 5120,
  'role-inline': 10240,
  trust: 2048,
} as const;

export type SizeLimitName = keyof typeof SIZE_LIMITS;

/** A rejection: IAM would refuse to store this document. */
export interface PolicyError {
  /** JSON pointer (RFC 6901) of the offending node; '' for the whole document. */
  path: string;
  code: 'MalformedPolicyDocument' | 'LimitExceeded';
  /** The message IAM returns for this error, verbatim where it is known. */
  message: string;
  /**
   * What exactly is wrong, for a person. IAM's own messages are often generic
   * ("Syntax errors in policy."); this says which rule the node broke.
   */
  detail?: string;
}

export type FindingSeverity = 'error' | 'security_warning' | 'warning' | 'suggestion';

/** Advice in the manner of IAM Access Analyzer ValidatePolicy; never makes a policy invalid. */
export interface PolicyFinding {
  path: string;
  severity: FindingSeverity;
  /** Stable code, after Access Analyzer's issue codes where one exists (see FINDING_CODES). */
  code: string;
  message: string;
}

export interface ValidationResult {
  /** True when IAM would accept the document: `errors` is empty. Findings do not count. */
  valid: boolean;
  /** Ordered the way IAM checks, so errors[0] is (as near as we know) the one IAM would report. */
  errors: PolicyError[];
  findings: PolicyFinding[];
}

export interface ValidatePolicyOptions {
  /** Defaults to 'identity'. */
  kind?: PolicyKind;
  /**
   * A named IAM quota, a number of characters, or null for no size check.
   * Undefined means defaultSizeLimit(kind).
   */
  sizeLimit?: SizeLimitName | number | null;
}
