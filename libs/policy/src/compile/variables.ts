/**
 * Policy variables (`${aws:username}`, `${aws:PrincipalTag/team, 'default'}`, `${*}`, `${?}`, `${$}`)
 * are split at compile time into literal and variable segments; nothing is re-parsed per request.
 */

/** Resolves a policy variable (by lower-cased key) to a single string, or undefined when absent. */
export interface VariableSource {
  variable(keyLower: string): string | undefined;
}

export interface VariableRef {
  /** Condition key, lower-cased (key names are case-insensitive). */
  readonly keyLower: string;
  /** The key as written, for explanations. */
  readonly key: string;
  readonly fallback: string | undefined;
}

/** A template piece: a literal text, or a variable. */
export type TemplatePiece = { readonly text: string } | { readonly ref: VariableRef };

/** The only policy language version in which `${...}` is a variable. */
export const VARIABLES_VERSION = '2012-10-17';

const NO_VARIABLES: readonly TemplatePiece[] = [];

/**
 * Split `text` into literal and variable pieces. Escapes `${*}`, `${?}` and `${$}` become literal
 * pieces marked as escaped (see `isEscapedPiece`) so wildcard parsing keeps them literal.
 * Malformed variable syntax stays literal text. Returns an empty array when `text` holds no `${`.
 */
export function splitVariables(text: string): readonly TemplatePiece[] {
  if (!text.includes('${')) return NO_VARIABLES;
  const pieces: TemplatePiece[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    if (text.charCodeAt(i) === 36 /* $ */ && text.charCodeAt(i + 1) === 123 /* { */) {
      const end = findClose(text, i + 2);
      if (end < 0) {
        // Unterminated: not a variable, keep the rest as literal text.
        literal += text.slice(i);
        break;
      }
      const body = text.slice(i + 2, end).trim();
      if (body === '*' || body === '?' || body === '$') {
        if (literal !== '') pieces.push({ text: literal });
        literal = '';
        pieces.push(escapedPiece(body));
      } else {
        const ref = parseReference(body);
        if (ref === null) {
          literal += text.slice(i, end + 1);
        } else {
          if (literal !== '') pieces.push({ text: literal });
          literal = '';
          pieces.push({ ref });
        }
      }
      i = end + 1;
    } else {
      literal += text[i];
      i++;
    }
  }
  if (literal !== '') pieces.push({ text: literal });
  return pieces;
}

/** Pieces produced by `${*}`, `${?}` and `${$}`: literal characters, never wildcards. */
const ESCAPES = new Map<string, { readonly text: string; readonly escaped: true }>([
  ['*', { text: '*', escaped: true }],
  ['?', { text: '?', escaped: true }],
  ['$', { text: '$', escaped: true }],
]);

function escapedPiece(char: string): TemplatePiece {
  return ESCAPES.get(char) as TemplatePiece;
}

/** True for a piece produced by `${*}`, `${?}` or `${$}`. */
export function isEscapedPiece(piece: TemplatePiece): boolean {
  return 'escaped' in piece;
}

/** Index of the `}` closing a variable whose body starts at `from`, honouring quoted defaults. */
function findClose(text: string, from: number): number {
  let quoted = false;
  for (let j = from; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 39 /* ' */) {
      if (quoted && text.charCodeAt(j + 1) === 39) {
        j++; // '' inside a quoted default is an escaped quote
      } else {
        quoted = !quoted;
      }
    } else if (c === 125 /* } */ && !quoted) {
      return j;
    }
  }
  return -1;
}

function parseReference(body: string): VariableRef | null {
  const comma = body.indexOf(',');
  if (comma < 0) {
    if (body === '' || /\s/.test(body)) return null;
    return { key: body, keyLower: body.toLowerCase(), fallback: undefined };
  }
  const key = body.slice(0, comma).trim();
  const rest = body.slice(comma + 1).trim();
  if (key === '' || /\s/.test(key)) return null;
  if (rest.length < 2 || rest[0] !== "'" || rest[rest.length - 1] !== "'") return null;
  const inner = rest.slice(1, -1);
  // Single quotes inside the default must be doubled.
  if (inner.replace(/''/g, '').includes("'")) return null;
  return { key, keyLower: key.toLowerCase(), fallback: inner.replace(/''/g, "'") };
}

/** Resolve a variable, falling back to its default; undefined when neither exists. */
export function resolveRef(ref: VariableRef, source: VariableSource): string | undefined {
  const value = source.variable(ref.keyLower);
  return value === undefined ? ref.fallback : value;
}
