/**
 * ARN helpers that work on index ranges, so matching an ARN segment-wise allocates nothing.
 * An ARN has six colon-separated parts: arn:partition:service:region:account:resource
 * (the resource part may itself contain colons).
 */

/** Number of ARN parts. */
export const ARN_PARTS = 6;

/**
 * Fill `starts` (length >= 7) with the start index of each of the six parts, and
 * `starts[6] = subject.length + 1`, so part i spans [starts[i], starts[i + 1] - 1).
 * Returns false when `subject` is not an ARN (no `arn:` prefix or fewer than six parts).
 */
export function arnPartBounds(subject: string, starts: Int32Array): boolean {
  if (!subject.startsWith('arn:')) return false;
  starts[0] = 0;
  let from = 0;
  for (let i = 1; i < ARN_PARTS; i++) {
    const colon = subject.indexOf(':', from);
    if (colon < 0) return false;
    starts[i] = colon + 1;
    from = colon + 1;
  }
  starts[ARN_PARTS] = subject.length + 1;
  return true;
}

/**
 * Split a policy-side ARN pattern into its six parts, ignoring colons inside `${...}` policy
 * variables. Returns null when the pattern has fewer than six parts.
 */
export function splitArnPattern(pattern: string): string[] | null {
  const parts: string[] = [];
  let start = 0;
  let depth = 0;
  for (let i = 0; i < pattern.length && parts.length < ARN_PARTS - 1; i++) {
    const c = pattern[i];
    if (c === '$' && pattern[i + 1] === '{') {
      depth++;
      i++;
    } else if (c === '}' && depth > 0) {
      depth--;
    } else if (c === ':' && depth === 0) {
      parts.push(pattern.slice(start, i));
      start = i + 1;
    }
  }
  if (parts.length < ARN_PARTS - 1) return null;
  parts.push(pattern.slice(start));
  return parts;
}
