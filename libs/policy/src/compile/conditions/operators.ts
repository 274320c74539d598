/** The condition operators the engine implements (base names, without set operators or IfExists). */
export const CONDITION_OPERATORS = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
  'DateEquals',
  'DateNotEquals',
  'DateLessThan',
  'DateLessThanEquals',
  'DateGreaterThan',
  'DateGreaterThanEquals',
  'Bool',
  'BinaryEquals',
  'IpAddress',
  'NotIpAddress',
  'ArnEquals',
  'ArnLike',
  'ArnNotEquals',
  'ArnNotLike',
  'Null',
] as const;

export type ConditionOperatorName = (typeof CONDITION_OPERATORS)[number];

/** Set operators that qualify an operator for multivalued context keys. */
export const CONDITION_SET_OPERATORS = ['ForAllValues', 'ForAnyValue'] as const;
export type ConditionSetOperator = (typeof CONDITION_SET_OPERATORS)[number];

/** Operators that test that the key does NOT match; on a missing key they evaluate to true. */
export const NEGATED_CONDITION_OPERATORS: ReadonlySet<ConditionOperatorName> = new Set([
  'StringNotEquals',
  'StringNotEqualsIgnoreCase',
  'StringNotLike',
  'NumericNotEquals',
  'DateNotEquals',
  'NotIpAddress',
  'ArnNotEquals',
  'ArnNotLike',
]);

/** Operator categories in which policy variables are resolved in condition values (AWS docs). */
export const VARIABLE_OPERATORS: ReadonlySet<ConditionOperatorName> = new Set([
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'Bool',
  'ArnEquals',
  'ArnLike',
  'ArnNotEquals',
  'ArnNotLike',
]);

export interface ParsedConditionOperator {
  /** The base operator, e.g. `StringLike` for `ForAnyValue:StringLikeIfExists`. */
  base: ConditionOperatorName;
  setOperator: ConditionSetOperator | null;
  ifExists: boolean;
  negated: boolean;
}

const BY_LOWER = new Map<string, ConditionOperatorName>(
  CONDITION_OPERATORS.map((name) => [name.toLowerCase(), name]),
);

/**
 * Parse a condition operator as written in a policy (`ForAllValues:StringNotLikeIfExists`).
 * Matching is case-insensitive. Returns null for an unknown operator (and for `NullIfExists`,
 * which AWS does not define).
 */
export function parseConditionOperator(written: string): ParsedConditionOperator | null {
  let rest = written.trim();
  let setOperator: ConditionSetOperator | null = null;
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const prefix = rest.slice(0, colon).toLowerCase();
    setOperator = CONDITION_SET_OPERATORS.find((s) => s.toLowerCase() === prefix) ?? null;
    if (setOperator === null) return null;
    rest = rest.slice(colon + 1);
  }
  let ifExists = false;
  let lower = rest.toLowerCase();
  if (lower.endsWith('ifexists')) {
    ifExists = true;
    lower = lower.slice(0, -'ifexists'.length);
  }
  const base = BY_LOWER.get(lower);
  if (base === undefined) return null;
  if (base === 'Null' && ifExists) return null;
  return { base, setOperator, ifExists, negated: NEGATED_CONDITION_OPERATORS.has(base) };
}
