import { findIssues } from './findings';
import { MESSAGES, sizeLimitMessage } from './messages';
import { policySize, resolveSizeLimit } from './policy-size';
import { ErrorCollector, RANK, checkDocument } from './rejections';
import { PolicyKind, SizeLimitName, ValidatePolicyOptions, ValidationResult } from './types';

/** The IAM quota a policy of this kind is held to when it is stored, or null when IAM has none. */
export function defaultSizeLimit(kind: PolicyKind): SizeLimitName | null {
  switch (kind) {
    case 'identity':
    case 'boundary':
      return 'managed';
    case 'trust':
      return 'trust';
    default:
      return null;
  }
}

/**
 * Turns the input into plain JSON text and value. A string is parsed as JSON; anything else is
 * serialised first, so that the checks only ever see what IAM would receive on the wire (no
 * prototypes, getters, undefined members, cycles or BigInts).
 */
function toJson(input: unknown): { text: string; value: unknown } | { error: string } {
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    try {
      const serialised: unknown = JSON.stringify(input);
      if (typeof serialised !== 'string')
        return { error: 'The policy document is not a JSON value.' };
      text = serialised;
    } catch (e) {
      return {
        error: `The policy document cannot be serialised as JSON: ${e instanceof Error ? e.message : String(e)}`,
      };
    }
  }
  try {
    return { text, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { error: `Invalid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/**
 * Validates a policy document in two tiers.
 *
 * Tier 1, `errors`: what IAM refuses when the policy is stored (MalformedPolicyDocument, or
 * LimitExceeded for size), with IAM's own messages. Like IAM it is lenient: unknown services and
 * actions and loosely formed ARNs are accepted. `valid` is true exactly when there are none.
 *
 * Tier 2, `findings`: what IAM Access Analyzer's ValidatePolicy would point out (unknown actions,
 * risky grants, redundancy, …). Findings never make a policy invalid.
 *
 * An oversized document is reported as LimitExceeded, as CreatePolicy, CreatePolicyVersion,
 * Put{User,Group,Role}Policy and CreateRole do (only some other APIs say MalformedPolicyDocument).
 *
 * Never throws: any input, however malformed, yields a result.
 */
export function validatePolicy(
  input: string | unknown,
  options: ValidatePolicyOptions = {},
): ValidationResult {
  const kind: PolicyKind = options.kind ?? 'identity';
  const errors = new ErrorCollector();
  const json = toJson(input);
  if ('error' in json) {
    errors.add(
      RANK.syntax,
      '',
      kind === 'trust' ? MESSAGES.trustInvalidJson : MESSAGES.syntax,
      json.error,
    );
    return { valid: false, errors: errors.sorted(), findings: [] };
  }

  const limit = options.sizeLimit === undefined ? defaultSizeLimit(kind) : options.sizeLimit;
  if (limit !== null) {
    const size = policySize(json.text);
    const max = resolveSizeLimit(limit);
    if (size > max) {
      errors.add(
        RANK.size,
        '',
        sizeLimitMessage(limit),
        `The policy has ${size} characters (white space not counted); the quota is ${max}.`,
        'LimitExceeded',
      );
    }
  }

  const model = checkDocument(json.value, kind, errors);
  const findings = model ? findIssues(model, kind) : [];
  const sorted = errors.sorted();
  return { valid: sorted.length === 0, errors: sorted, findings };
}
