/** A policy document shape the parser cannot interpret. `path` is a JSON pointer (RFC 6901). */
export class PolicyParseError extends Error {
  override readonly name = 'PolicyParseError';
  readonly code = 'MalformedPolicyDocument';

  constructor(
    message: string,
    readonly path: string,
  ) {
    super(path === '' ? message : `${message} (at ${path})`);
  }
}

/** Escape one reference token of a JSON pointer. */
export function pointerToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}
