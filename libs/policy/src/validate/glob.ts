/**
 * IAM wildcard matching: `*` matches any run of characters (also none), `?` exactly one.
 * Iterative, with a single backtrack point, so it runs in O(pattern × text) whatever the input
 * (a regular expression built from a hostile pattern such as `*a*a*a*…b` can take exponential time).
 */
export function globMatch(pattern: string, text: string, ignoreCase: boolean): boolean {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const t = ignoreCase ? text.toLowerCase() : text;
  let pi = 0;
  let ti = 0;
  let star = -1;
  let mark = 0;
  while (ti < t.length) {
    if (pi < p.length && (p[pi] === '?' || (p[pi] === t[ti] && p[pi] !== '*'))) {
      pi++;
      ti++;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi++;
      mark = ti;
    } else if (star >= 0) {
      pi = star + 1;
      ti = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}

export function hasWildcard(value: string): boolean {
  return value.includes('*') || value.includes('?');
}

/**
 * True when every string `narrow` can match is also matched by `wide`. Exact for a literal
 * `narrow`; for a pattern it is a sound approximation (it may miss a cover, never invents one):
 * `wide` must be made of `*` and literals only, and match `narrow`'s text with its wildcards
 * read as characters, which places each of them inside one of `wide`'s stars.
 */
export function globCovers(wide: string, narrow: string, ignoreCase: boolean): boolean {
  if (!hasWildcard(narrow)) return globMatch(wide, narrow, ignoreCase);
  if (wide.includes('?')) return false;
  return globMatch(wide, narrow, ignoreCase);
}
