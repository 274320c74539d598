import type { MetadataValue } from '@grpc/grpc-js';
import type { OpenedSession, SessionClaims, SessionTokenSealer } from '@portcullis/credentials';
import { callerOfClaims, type Caller } from './caller';

/**
 * Why a call is not authenticated: fixed sentences (AWS's for a bad or expired token), never
 * anything from the token, and never whether a principal or key exists.
 */
export const UNAUTHENTICATED_MESSAGES = {
  missing:
    'missing bearer token: send the metadata "authorization: Bearer <SessionToken>" with temporary credentials from GetSessionToken or AssumeRole',
  malformed: 'invalid token: expected the metadata "authorization: Bearer <SessionToken>"',
  invalid: 'The security token included in the request is invalid.',
  accessKey:
    'The security token included in the request is invalid. An access key is not a bearer token: send the SessionToken of temporary credentials from GetSessionToken or AssumeRole.',
  expired: 'The security token included in the request is expired',
} as const;

const SCHEME = 'bearer ';

/**
 * `authorization: Bearer <SessionToken>` → the caller. The token is opened by the session-token
 * sealer, which remembers authentic tokens (a hit is a map lookup, expiry still checked every
 * time); the caller made from a token's claims is remembered with them, so an authenticated call
 * costs a map lookup and a comparison. A failure is answered as its message (a string).
 */
export class BearerAuthenticator {
  private readonly callers = new WeakMap<SessionClaims, Caller | null>();

  constructor(
    private readonly tokens: SessionTokenSealer,
    private readonly now: () => number = Date.now,
  ) {}

  /** `values`: the call's `authorization` metadata (`metadata.get('authorization')`). */
  authenticate(values: readonly MetadataValue[]): Caller | string {
    if (values.length === 0) return UNAUTHENTICATED_MESSAGES.missing;
    const header = values[0];
    if (values.length > 1 || typeof header !== 'string' || header.length <= SCHEME.length) {
      return UNAUTHENTICATED_MESSAGES.malformed;
    }
    // The scheme is case-insensitive (RFC 7235); the common spelling is tested first.
    if (!header.startsWith('Bearer ') && header.slice(0, SCHEME.length).toLowerCase() !== SCHEME) {
      return UNAUTHENTICATED_MESSAGES.malformed;
    }
    let token = header.slice(SCHEME.length);
    if (token.charCodeAt(0) === 32 || token.charCodeAt(token.length - 1) === 32) {
      token = token.trim();
      if (token === '') return UNAUTHENTICATED_MESSAGES.malformed;
    }
    const opened = this.tokens.open(token, this.now());
    if (!opened.ok) {
      if (opened.code === 'ExpiredToken') return UNAUTHENTICATED_MESSAGES.expired;
      return token.startsWith('AKIA') || token.startsWith('ASIA')
        ? UNAUTHENTICATED_MESSAGES.accessKey
        : UNAUTHENTICATED_MESSAGES.invalid;
    }
    let caller = this.callers.get(opened.claims);
    if (caller === undefined) {
      caller = callerOfClaims(opened.claims);
      this.callers.set(opened.claims, caller);
    }
    return caller ?? UNAUTHENTICATED_MESSAGES.invalid;
  }

  /**
   * Opens a session token that is not the call's own bearer (a Check's principal_session_token)
   * with the same sealer (key ring, verified-token cache) and clock.
   */
  openToken(token: string): OpenedSession {
    return this.tokens.open(token, this.now());
  }

  /** This authenticator's clock (ms since the epoch). */
  clock(): number {
    return this.now();
  }
}
