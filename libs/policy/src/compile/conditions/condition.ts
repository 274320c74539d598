import type { ConditionBlock, ContextValue } from '../../types';
import { PolicyParseError, pointerToken } from '../../parse/policy-parse.error';
import { ARN_PARTS, arnPartBounds, splitArnPattern } from '../arn';
import { compilePattern, type StringMatcher } from '../glob';
import { resolveRef, splitVariables, type TemplatePiece, type VariableSource } from '../variables';
import { decodeBase64 } from './base64';
import { dateOf, parseDate } from './date';
import { inRange, parseCidr, parseIp, type CidrRange } from './ip';
import {
  VARIABLE_OPERATORS,
  parseConditionOperator,
  type ConditionOperatorName,
  type ParsedConditionOperator,
} from './operators';

/** What conditions read from a request: context values by lower-cased key, and variables. */
export interface ConditionScope extends VariableSource {
  value(keyLower: string): ContextValue | undefined;
}

/** One compiled (operator, key) pair. All pairs of a statement are ANDed. */
export interface ConditionTest {
  /** Operator as written. */
  readonly operator: string;
  /** Key as written. */
  readonly key: string;
  evaluate(scope: ConditionScope): boolean;
}

type Scalar = string | number | boolean;

const NO_SET = 0;
const FOR_ALL = 1;
const FOR_ANY = 2;
type SetMode = typeof NO_SET | typeof FOR_ALL | typeof FOR_ANY;

/**
 * Compile a Condition block. Operators are resolved here, once; values are pre-parsed (numbers,
 * dates, CIDRs, base64, ARN parts, wildcard patterns, variable templates).
 * Throws PolicyParseError on an unknown operator.
 */
export function compileConditions(
  block: ConditionBlock,
  variables: boolean,
  path: string,
): ConditionTest[] {
  const tests: ConditionTest[] = [];
  for (const operator of Object.keys(block)) {
    const parsed = parseConditionOperator(operator);
    if (parsed === null) {
      throw new PolicyParseError(
        `Unknown condition operator "${operator}"`,
        `${path}/${pointerToken(operator)}`,
      );
    }
    const entries = block[operator];
    for (const key of Object.keys(entries)) {
      tests.push(compileTest(operator, parsed, key, entries[key], variables));
    }
  }
  return tests;
}

function compileTest(
  operator: string,
  parsed: ParsedConditionOperator,
  key: string,
  values: string[],
  variablesEnabled: boolean,
): ConditionTest {
  const meta: TestMeta = {
    operator,
    key,
    keyLower: key.toLowerCase(),
    set:
      parsed.setOperator === 'ForAllValues'
        ? FOR_ALL
        : parsed.setOperator === 'ForAnyValue'
          ? FOR_ANY
          : NO_SET,
    ifExists: parsed.ifExists,
    negated: parsed.negated,
  };
  const variables = variablesEnabled && VARIABLE_OPERATORS.has(parsed.base);
  const base: ConditionOperatorName = parsed.base;
  switch (base) {
    case 'StringEquals':
    case 'StringNotEquals':
      return new StringTest(meta, patterns(values, false, variables));
    case 'StringLike':
    case 'StringNotLike':
      return new StringTest(meta, patterns(values, true, variables));
    case 'StringEqualsIgnoreCase':
    case 'StringNotEqualsIgnoreCase':
      return new IgnoreCaseTest(
        meta,
        values.map((v) => new Template(v, variables, true)),
      );
    case 'NumericEquals':
    case 'NumericNotEquals':
      return new NumericTest(meta, EQ, values.map(parseNumber));
    case 'NumericLessThan':
      return new NumericTest(meta, LT, values.map(parseNumber));
    case 'NumericLessThanEquals':
      return new NumericTest(meta, LE, values.map(parseNumber));
    case 'NumericGreaterThan':
      return new NumericTest(meta, GT, values.map(parseNumber));
    case 'NumericGreaterThanEquals':
      return new NumericTest(meta, GE, values.map(parseNumber));
    case 'DateEquals':
    case 'DateNotEquals':
      return new DateTest(meta, EQ, values.map(parseDate));
    case 'DateLessThan':
      return new DateTest(meta, LT, values.map(parseDate));
    case 'DateLessThanEquals':
      return new DateTest(meta, LE, values.map(parseDate));
    case 'DateGreaterThan':
      return new DateTest(meta, GT, values.map(parseDate));
    case 'DateGreaterThanEquals':
      return new DateTest(meta, GE, values.map(parseDate));
    case 'Bool':
      return new BoolTest(
        meta,
        values.map((v) => new Template(v, variables, true)),
      );
    case 'BinaryEquals':
      return new BinaryTest(meta, values.map(decodeBase64));
    case 'IpAddress':
    case 'NotIpAddress':
      return new IpTest(meta, values.map(parseCidr));
    case 'ArnEquals':
    case 'ArnLike':
    case 'ArnNotEquals':
    case 'ArnNotLike':
      return new ArnTest(
        meta,
        values.map((v) => compileArnPattern(v, variables)),
      );
    case 'Null':
      return new NullTest(operator, key, meta.keyLower, values);
  }
}

function patterns(values: string[], wildcards: boolean, variables: boolean): StringMatcher[] {
  return values.map((v) => compilePattern(v, { wildcards, variables }));
}

interface TestMeta {
  operator: string;
  key: string;
  keyLower: string;
  set: SetMode;
  ifExists: boolean;
  negated: boolean;
}

/**
 * Shared missing-key and multivalue logic. `matchesAny(x)` is the un-negated operator: true when
 * the request value x matches at least one policy value (values are ORed). A negated operator is
 * true for x when x matches none of them (NOR).
 *  - key missing (absent, or an empty list): IfExists → true; ForAllValues → true;
 *    ForAnyValue → false; otherwise negated operators → true, all others → false.
 *  - ForAllValues: every request value must satisfy the (possibly negated) operator.
 *  - ForAnyValue: at least one request value must.
 *  - No set operator with a list value: the un-negated operator holds when any element matches;
 *    the negated operator is its complement.
 */
abstract class KeyTest implements ConditionTest {
  readonly operator: string;
  readonly key: string;
  private readonly keyLower: string;
  private readonly set: SetMode;
  private readonly ifExists: boolean;
  private readonly negated: boolean;

  constructor(meta: TestMeta) {
    this.operator = meta.operator;
    this.key = meta.key;
    this.keyLower = meta.keyLower;
    this.set = meta.set;
    this.ifExists = meta.ifExists;
    this.negated = meta.negated;
  }

  protected abstract matchesAny(value: Scalar, scope: ConditionScope): boolean;

  evaluate(scope: ConditionScope): boolean {
    const value = scope.value(this.keyLower);
    if (value === undefined || (Array.isArray(value) && value.length === 0)) {
      if (this.ifExists) return true;
      if (this.set === FOR_ALL) return true;
      if (this.set === FOR_ANY) return false;
      return this.negated;
    }
    if (!Array.isArray(value)) return this.matchesAny(value, scope) !== this.negated;
    if (this.set === FOR_ALL) {
      for (let i = 0; i < value.length; i++) {
        if (this.matchesAny(value[i], scope) === this.negated) return false;
      }
      return true;
    }
    if (this.set === FOR_ANY) {
      for (let i = 0; i < value.length; i++) {
        if (this.matchesAny(value[i], scope) !== this.negated) return true;
      }
      return false;
    }
    for (let i = 0; i < value.length; i++) {
      if (this.matchesAny(value[i], scope)) return !this.negated;
    }
    return this.negated;
  }
}

function text(value: Scalar): string {
  return typeof value === 'string' ? value : String(value);
}

class StringTest extends KeyTest {
  constructor(
    meta: TestMeta,
    private readonly matchers: StringMatcher[],
  ) {
    super(meta);
  }
  protected matchesAny(value: Scalar, scope: ConditionScope): boolean {
    const s = text(value);
    const matchers = this.matchers;
    for (let i = 0; i < matchers.length; i++) {
      if (matchers[i].matches(s, 0, s.length, scope)) return true;
    }
    return false;
  }
}

/** A policy value that may hold variables, compared whole (no wildcards). */
class Template {
  /** Lower-cased when compared case-insensitively; null when the value holds variables. */
  private readonly fixed: string | null;
  private readonly pieces: readonly TemplatePiece[];
  constructor(
    source: string,
    variables: boolean,
    private readonly ignoreCase: boolean,
  ) {
    this.pieces = variables ? splitVariables(source) : [];
    this.fixed = this.pieces.length === 0 ? (ignoreCase ? source.toLowerCase() : source) : null;
  }
  equals(s: string, scope: ConditionScope): boolean {
    if (this.fixed !== null) {
      return this.ignoreCase ? equalsIgnoreCase(s, this.fixed) : s === this.fixed;
    }
    let resolved = '';
    for (const piece of this.pieces) {
      if ('ref' in piece) {
        const value = resolveRef(piece.ref, scope);
        if (value === undefined) return false; // an unresolvable variable never matches
        resolved += value;
      } else {
        resolved += piece.text;
      }
    }
    return this.ignoreCase ? equalsIgnoreCase(s, resolved.toLowerCase()) : s === resolved;
  }
}

/** `a` compared case-insensitively to an already lower-cased `lower`. */
export function equalsIgnoreCase(a: string, lower: string): boolean {
  let ascii = true;
  if (a.length === lower.length) {
    let i = 0;
    for (; i < a.length; i++) {
      let c = a.charCodeAt(i);
      if (c >= 128) break;
      if (c >= 65 && c <= 90) c += 32;
      if (c !== lower.charCodeAt(i)) {
        if (lower.charCodeAt(i) < 128) return false;
        break;
      }
    }
    if (i === a.length) return true;
    ascii = false;
  } else {
    for (let i = 0; i < a.length; i++) {
      if (a.charCodeAt(i) >= 128) {
        ascii = false;
        break;
      }
    }
  }
  return ascii ? false : a.toLowerCase() === lower;
}

class IgnoreCaseTest extends KeyTest {
  constructor(
    meta: TestMeta,
    private readonly values: Template[],
  ) {
    super(meta);
  }
  protected matchesAny(value: Scalar, scope: ConditionScope): boolean {
    const s = text(value);
    for (let i = 0; i < this.values.length; i++) {
      if (this.values[i].equals(s, scope)) return true;
    }
    return false;
  }
}

class BoolTest extends KeyTest {
  constructor(
    meta: TestMeta,
    private readonly values: Template[],
  ) {
    super(meta);
  }
  protected matchesAny(value: Scalar, scope: ConditionScope): boolean {
    const s = value === true ? 'true' : value === false ? 'false' : text(value);
    for (let i = 0; i < this.values.length; i++) {
      if (this.values[i].equals(s, scope)) return true;
    }
    return false;
  }
}

const EQ = 0;
const LT = 1;
const LE = 2;
const GT = 3;
const GE = 4;
type Comparison = typeof EQ | typeof LT | typeof LE | typeof GT | typeof GE;

function compare(comparison: Comparison, request: number, policy: number): boolean {
  switch (comparison) {
    case EQ:
      return request === policy;
    case LT:
      return request < policy;
    case LE:
      return request <= policy;
    case GT:
      return request > policy;
    case GE:
      return request >= policy;
  }
}

const NUMERIC = /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/** A number as written in a policy or context string; NaN when not numeric. */
export function parseNumber(value: string): number {
  return NUMERIC.test(value) ? Number(value) : NaN;
}

function numberOf(value: Scalar): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return parseNumber(value);
  return NaN;
}

class NumericTest extends KeyTest {
  constructor(
    meta: TestMeta,
    private readonly comparison: Comparison,
    private readonly values: number[],
  ) {
    super(meta);
  }
  protected matchesAny(value: Scalar): boolean {
    const n = numberOf(value);
    if (Number.isNaN(n)) return false;
    for (let i = 0; i < this.values.length; i++) {
      if (compare(this.comparison, n, this.values[i])) return true;
    }
    return false;
  }
}

class DateTest extends KeyTest {
  constructor(
    meta: TestMeta,
    private readonly comparison: Comparison,
    private readonly values: number[],
  ) {
    super(meta);
  }
  protected matchesAny(value: Scalar): boolean {
    const t = dateOf(value);
    if (Number.isNaN(t)) return false;
    for (let i = 0; i < this.values.length; i++) {
      if (compare(this.comparison, t, this.values[i])) return true;
    }
    return false;
  }
}

class BinaryTest extends KeyTest {
  constructor(
    meta: TestMeta,
    private readonly values: (string | null)[],
  ) {
    super(meta);
  }
  protected matchesAny(value: Scalar): boolean {
    if (typeof value !== 'string') return false;
    const bytes = decodeBase64(value);
    if (bytes === null) return false;
    return this.values.includes(bytes);
  }
}

const IP_SCRATCH = new Uint16Array(8);

class IpTest extends KeyTest {
  constructor(
    meta: TestMeta,
    private readonly ranges: (CidrRange | null)[],
  ) {
    super(meta);
  }
  protected matchesAny(value: Scalar): boolean {
    if (typeof value !== 'string' || !parseIp(value.trim(), IP_SCRATCH)) return false;
    for (let i = 0; i < this.ranges.length; i++) {
      const range = this.ranges[i];
      if (range !== null && inRange(IP_SCRATCH, range)) return true;
    }
    return false;
  }
}

/**
 * An ARN pattern compiled part by part (wildcards stay within their part). A value that does not
 * start with `arn:` (such as `*`) is matched as a whole; an `arn:` value with fewer than six parts
 * matches nothing.
 */
interface ArnPattern {
  parts: StringMatcher[] | null;
  whole: StringMatcher | null;
}

function compileArnPattern(value: string, variables: boolean): ArnPattern {
  const split = splitArnPattern(value);
  if (split !== null) {
    return {
      parts: split.map((p) => compilePattern(p, { wildcards: true, variables })),
      whole: null,
    };
  }
  if (value.startsWith('arn:')) return { parts: null, whole: null };
  return { parts: null, whole: compilePattern(value, { wildcards: true, variables }) };
}

const ARN_SCRATCH = new Int32Array(ARN_PARTS + 1);

class ArnTest extends KeyTest {
  constructor(
    meta: TestMeta,
    private readonly patterns: ArnPattern[],
  ) {
    super(meta);
  }
  protected matchesAny(value: Scalar, scope: ConditionScope): boolean {
    if (typeof value !== 'string') return false;
    const isArn = arnPartBounds(value, ARN_SCRATCH);
    for (let i = 0; i < this.patterns.length; i++) {
      const pattern = this.patterns[i];
      if (pattern.parts === null) {
        if (pattern.whole !== null && pattern.whole.matches(value, 0, value.length, scope)) {
          return true;
        }
      } else if (isArn && matchArnParts(pattern.parts, value, scope)) {
        return true;
      }
    }
    return false;
  }
}

function matchArnParts(parts: StringMatcher[], value: string, scope: ConditionScope): boolean {
  for (let p = 0; p < ARN_PARTS; p++) {
    if (!parts[p].matches(value, ARN_SCRATCH[p], ARN_SCRATCH[p + 1] - 1, scope)) return false;
  }
  return true;
}

/** Null: "true" holds when the key is absent (or an empty list), "false" when it is present. */
class NullTest implements ConditionTest {
  private readonly wantAbsent: boolean;
  private readonly wantPresent: boolean;
  constructor(
    readonly operator: string,
    readonly key: string,
    private readonly keyLower: string,
    values: string[],
  ) {
    this.wantAbsent = values.some((v) => v.trim().toLowerCase() === 'true');
    this.wantPresent = values.some((v) => v.trim().toLowerCase() === 'false');
  }
  evaluate(scope: ConditionScope): boolean {
    const value = scope.value(this.keyLower);
    const absent = value === undefined || (Array.isArray(value) && value.length === 0);
    return absent ? this.wantAbsent : this.wantPresent;
  }
}
