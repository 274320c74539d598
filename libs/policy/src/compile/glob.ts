import {
  isEscapedPiece,
  resolveRef,
  splitVariables,
  type VariableRef,
  type VariableSource,
} from './variables';

/**
 * Wildcard matchers compiled once, no RegExp. `*` matches any run of characters (including `/`
 * and `:`), `?` exactly one. Matchers take a range of the subject so ARN segments can be matched
 * without slicing strings; nothing is allocated while matching.
 */
export interface StringMatcher {
  /** The pattern as written. */
  readonly source: string;
  /** The exact text matched when the pattern holds neither wildcards nor variables, else null. */
  readonly literalText: string | null;
  matches(subject: string, from: number, to: number, vars: VariableSource): boolean;
}

export interface PatternOptions {
  /** Treat `*` and `?` as wildcards (false: they are literal characters). */
  wildcards: boolean;
  /** Resolve `${...}` policy variables (only under Version 2012-10-17). */
  variables: boolean;
  /** Lower-case the pattern (for case-insensitive subjects that are lower-cased by the caller). */
  lowerCase?: boolean;
}

const LIT = 0;
const ONE = 1;
const VAR = 2;
type Part =
  | { readonly k: typeof LIT; readonly text: string }
  | { readonly k: typeof ONE }
  | { readonly k: typeof VAR; readonly ref: VariableRef };

interface Segment {
  readonly parts: readonly Part[];
  /** Length when the segment holds no variables, else -1. */
  readonly fixedLength: number;
  /** The segment's text when it is a single literal part, else null. */
  readonly text: string | null;
}

const ONE_PART: Part = { k: ONE };
const STAR = null;
type Token = Part | typeof STAR;

/** No-op variable source for matchers known to hold no variables. */
export const NO_VARIABLES: VariableSource = { variable: () => undefined };

export function compilePattern(pattern: string, options: PatternOptions): StringMatcher {
  const source = pattern;
  const text = options.lowerCase ? pattern.toLowerCase() : pattern;
  const tokens = tokenize(text, options);
  const segments = toSegments(tokens);

  if (segments.length === 1) {
    const only = segments[0];
    if (only.text !== null || only.parts.length === 0) {
      return new ExactMatcher(source, only.text ?? '');
    }
    return new GlobMatcher(source, segments);
  }
  if (segments.length === 2) {
    const [head, tail] = segments;
    const headEmpty = head.parts.length === 0;
    const tailEmpty = tail.parts.length === 0;
    if (headEmpty && tailEmpty) return new AnyMatcher(source);
    if (tailEmpty && head.text !== null) return new PrefixMatcher(source, head.text);
    if (headEmpty && tail.text !== null) return new SuffixMatcher(source, tail.text);
  }
  return new GlobMatcher(source, segments);
}

function tokenize(text: string, options: PatternOptions): Token[] {
  const tokens: Token[] = [];
  let literal = '';
  const flush = (): void => {
    if (literal !== '') tokens.push({ k: LIT, text: literal });
    literal = '';
  };
  const scan = (chunk: string): void => {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (options.wildcards && c === '*') {
        flush();
        if (tokens.length === 0 || tokens[tokens.length - 1] !== STAR) tokens.push(STAR);
      } else if (options.wildcards && c === '?') {
        flush();
        tokens.push(ONE_PART);
      } else {
        literal += c;
      }
    }
  };

  const pieces = options.variables ? splitVariables(text) : [];
  if (pieces.length === 0) {
    scan(text);
  } else {
    for (const piece of pieces) {
      if ('ref' in piece) {
        flush();
        tokens.push({ k: VAR, ref: piece.ref });
      } else if (isEscapedPiece(piece)) {
        literal += piece.text;
      } else {
        scan(piece.text);
      }
    }
  }
  flush();
  return tokens;
}

function toSegments(tokens: Token[]): Segment[] {
  const segments: Segment[] = [];
  let parts: Part[] = [];
  const close = (): void => {
    // Merge adjacent literals (variables and escapes can leave them split).
    const merged: Part[] = [];
    for (const part of parts) {
      const prev = merged[merged.length - 1];
      if (part.k === LIT && prev !== undefined && prev.k === LIT) {
        merged[merged.length - 1] = { k: LIT, text: prev.text + part.text };
      } else {
        merged.push(part);
      }
    }
    let fixedLength = 0;
    for (const part of merged) {
      if (part.k === VAR) {
        fixedLength = -1;
        break;
      }
      fixedLength += part.k === LIT ? part.text.length : 1;
    }
    const only = merged.length === 1 ? merged[0] : undefined;
    segments.push({
      parts: merged,
      fixedLength,
      text: only !== undefined && only.k === LIT ? only.text : null,
    });
    parts = [];
  };
  for (const token of tokens) {
    if (token === STAR) close();
    else parts.push(token);
  }
  close();
  return segments;
}

class ExactMatcher implements StringMatcher {
  constructor(
    readonly source: string,
    readonly literalText: string,
  ) {}
  matches(subject: string, from: number, to: number): boolean {
    const text = this.literalText;
    return to - from === text.length && subject.startsWith(text, from);
  }
}

class AnyMatcher implements StringMatcher {
  readonly literalText = null;
  constructor(readonly source: string) {}
  matches(): boolean {
    return true;
  }
}

class PrefixMatcher implements StringMatcher {
  readonly literalText = null;
  constructor(
    readonly source: string,
    private readonly prefix: string,
  ) {}
  matches(subject: string, from: number, to: number): boolean {
    return to - from >= this.prefix.length && subject.startsWith(this.prefix, from);
  }
}

class SuffixMatcher implements StringMatcher {
  readonly literalText = null;
  constructor(
    readonly source: string,
    private readonly suffix: string,
  ) {}
  matches(subject: string, from: number, to: number): boolean {
    const start = to - this.suffix.length;
    return start >= from && subject.startsWith(this.suffix, start);
  }
}

/** General case: segments separated by `*`, each a fixed-length run of literals, `?` and variables. */
class GlobMatcher implements StringMatcher {
  readonly literalText = null;
  constructor(
    readonly source: string,
    private readonly segments: readonly Segment[],
  ) {}

  matches(subject: string, from: number, to: number, vars: VariableSource): boolean {
    const segments = this.segments;
    const last = segments.length - 1;
    const first = segments[0];
    const firstLength = segmentLength(first, vars);
    if (firstLength < 0) return false;
    if (last === 0) {
      return firstLength === to - from && matchAt(first, subject, from, vars);
    }
    if (firstLength > to - from || !matchAt(first, subject, from, vars)) return false;
    let pos = from + firstLength;

    const tailSegment = segments[last];
    const tailLength = segmentLength(tailSegment, vars);
    if (tailLength < 0) return false;
    const tail = to - tailLength;
    if (tail < pos || !matchAt(tailSegment, subject, tail, vars)) return false;

    // Middle segments: leftmost match of each is optimal for `*`-separated fixed-length segments.
    for (let i = 1; i < last; i++) {
      const segment = segments[i];
      const length = segmentLength(segment, vars);
      if (length < 0) return false;
      const limit = tail - length;
      if (segment.text !== null) {
        const at = subject.indexOf(segment.text, pos);
        if (at < 0 || at > limit) return false;
        pos = at + length;
        continue;
      }
      let at = pos;
      while (at <= limit && !matchAt(segment, subject, at, vars)) at++;
      if (at > limit) return false;
      pos = at + length;
    }
    return true;
  }
}

function segmentLength(segment: Segment, vars: VariableSource): number {
  if (segment.fixedLength >= 0) return segment.fixedLength;
  let length = 0;
  for (const part of segment.parts) {
    if (part.k === LIT) length += part.text.length;
    else if (part.k === ONE) length += 1;
    else {
      const value = resolveRef(part.ref, vars);
      if (value === undefined) return -1;
      length += value.length;
    }
  }
  return length;
}

/** Caller guarantees the segment fits in the subject at `pos`. */
function matchAt(segment: Segment, subject: string, pos: number, vars: VariableSource): boolean {
  const parts = segment.parts;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part.k === LIT) {
      if (!subject.startsWith(part.text, pos)) return false;
      pos += part.text.length;
    } else if (part.k === ONE) {
      pos += 1;
    } else {
      const value = resolveRef(part.ref, vars) as string;
      if (!subject.startsWith(value, pos)) return false;
      pos += value.length;
    }
  }
  return true;
}
