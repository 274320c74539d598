import { generateAccessKeyId, generateSecretAccessKey } from './access-key-ids';
import { EnvelopeCipher } from './envelope-cipher';
import { KeyRing } from './key-ring';
import type { KeyResolutionFailure, ResolvedSigningKey } from './sigv4/verify-sigv4';

/**
 * Self-contained session tokens for temporary credentials (GetSessionToken, AssumeRole). The token
 * is the session's claims and its temporary secret, sealed with AES-256-GCM under the key ring
 * (purpose `session-token`, so it is keyed apart from secrets at rest). Any instance holding the
 * ring can verify a token with no database read, which is what keeps gRPC bearer authentication
 * (`authorization: Bearer <SessionToken>`) cheap, and the SigV4 verifier can get the temporary
 * secret from the token alone.
 *
 * Format: `pcst1.<keyId>.<iv>.<ciphertext+tag>` (base64url). The prefix lets secret scanners and
 * log scrubbers recognise a token. Rotation: as for other sealed values; a retired key may be
 * dropped once the longest session lifetime (36 h) has passed since it stopped being current.
 *
 * Tokens cannot be revoked individually (like AWS's): revoke a role's sessions with a deny on
 * `aws:TokenIssueTime`, which `issuedAt` provides.
 */
export interface SessionClaims {
  readonly kind: 'session' | 'assumed-role';
  readonly accountId: string;
  /** The identity whose policies apply: the user (GetSessionToken) or the role (AssumeRole). */
  readonly principalArn: string;
  /** AssumeRole: `arn:aws:sts::<account>:assumed-role/<role>/<session>`. */
  readonly sessionArn?: string;
  /** The principal's unique id (`AIDA…` user, `AROA…:<session>` role session; the account id
   *  for the root): GetCallerIdentity's UserId and `aws:userid`. */
  readonly principalId?: string;
  /** The temporary access key id (`ASIA…`) this token goes with. */
  readonly accessKeyId: string;
  /** ms since the epoch (aws:TokenIssueTime). */
  readonly issuedAt: number;
  /** ms since the epoch; the token is refused from this instant on. */
  readonly expiresAt: number;
  /** When MFA was verified for this session (aws:MultiFactorAuthPresent / aws:MultiFactorAuthAge). */
  readonly mfaAuthenticatedAt?: number;
  readonly sourceIdentity?: string;
  /** An inline session policy (JSON), evaluated with the principal's own. */
  readonly sessionPolicy?: string;
  readonly sessionPolicyArns?: readonly string[];
  readonly sessionTags?: Readonly<Record<string, string>>;
}

/** What the caller decides; the sealer adds the key id, issue time and expiry. */
export type SessionClaimsRequest = Omit<SessionClaims, 'accessKeyId' | 'issuedAt' | 'expiresAt'>;

export interface TemporaryCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration: Date;
}

export type SessionTokenErrorCode = 'ExpiredToken' | 'InvalidToken';

export type OpenedSession =
  | { readonly ok: true; readonly claims: SessionClaims }
  | { readonly ok: false; readonly code: SessionTokenErrorCode };

export type OpenedSessionForSigning =
  | { readonly ok: true; readonly claims: SessionClaims; readonly secretAccessKey: string }
  | { readonly ok: false; readonly code: SessionTokenErrorCode };

/** AWS's bounds across GetSessionToken (up to 36 h) and AssumeRole (up to 12 h); callers narrow. */
export const SESSION_DURATION_LIMITS_SECONDS = { min: 900, max: 129_600 } as const;
/** Refuse absurd inputs before any crypto: claims are small, a session policy at most a few KiB. */
export const MAX_SESSION_TOKEN_LENGTH = 16_384;

const PREFIX = 'pcst1.';
const ENVELOPE_VERSION = 'v1.';
const ASSOCIATED_DATA = 'portcullis/session-token/v1';

/** The sealed payload: short keys keep tokens short (they travel on every request). */
interface WirePayload {
  k: string; // accessKeyId
  x: string; // secretAccessKey
  t: 's' | 'r'; // kind
  a: string; // accountId
  p: string; // principalArn
  s?: string; // sessionArn
  u?: string; // principalId
  i: number; // issuedAt
  e: number; // expiresAt
  m?: number; // mfaAuthenticatedAt
  si?: string; // sourceIdentity
  sp?: string; // sessionPolicy
  sa?: string[]; // sessionPolicyArns
  tg?: Record<string, string>; // sessionTags
}

export interface SessionTokenSealerOptions {
  /**
   * How many verified tokens to remember (oldest dropped first; 0 = none). A client
   * sends the same token on every call, so a hit skips the decryption: a Map lookup instead of
   * ~10 µs. Only authentic tokens are cached, and expiry is still checked on every hit.
   */
  readonly verifiedCacheSize?: number;
}

interface Decoded {
  readonly claims: SessionClaims;
  readonly secretAccessKey: string;
}

export class SessionTokenSealer {
  private readonly cipher: EnvelopeCipher;
  private readonly verified = new Map<string, Decoded>();
  private readonly verifiedCacheSize: number;

  constructor(ring: KeyRing, options: SessionTokenSealerOptions = {}) {
    this.cipher = new EnvelopeCipher(ring, { purpose: 'session-token' });
    this.verifiedCacheSize = options.verifiedCacheSize ?? 10_000;
  }

  /** New temporary credentials (`ASIA…` id, secret, token) for `claims`, valid `durationSeconds`. */
  issue(
    claims: SessionClaimsRequest,
    { now, durationSeconds }: { now: number; durationSeconds: number },
  ): { credentials: TemporaryCredentials; claims: SessionClaims } {
    const { min, max } = SESSION_DURATION_LIMITS_SECONDS;
    if (!Number.isInteger(durationSeconds) || durationSeconds < min || durationSeconds > max) {
      throw new RangeError(`session duration must be ${min}-${max} seconds`);
    }
    const full: SessionClaims = {
      ...claims,
      accessKeyId: generateAccessKeyId('temporary'),
      issuedAt: now,
      expiresAt: now + durationSeconds * 1000,
    };
    const secretAccessKey = generateSecretAccessKey();
    const sealed = this.cipher.seal(JSON.stringify(toWire(full, secretAccessKey)), ASSOCIATED_DATA);
    const sessionToken = PREFIX + sealed.slice(ENVELOPE_VERSION.length);
    if (sessionToken.length > MAX_SESSION_TOKEN_LENGTH) {
      throw new RangeError('session claims too large for a session token (session policy or tags)');
    }
    return {
      credentials: {
        accessKeyId: full.accessKeyId,
        secretAccessKey,
        sessionToken,
        expiration: new Date(full.expiresAt),
      },
      claims: full,
    };
  }

  /** For bearer authentication: the claims, if the token is authentic and not expired. */
  open(sessionToken: string, now: number): OpenedSession {
    const opened = this.openForSigning(sessionToken, now);
    return opened.ok ? { ok: true, claims: opened.claims } : opened;
  }

  /** For SigV4 with temporary credentials: the claims and the temporary secret. */
  openForSigning(sessionToken: string, now: number): OpenedSessionForSigning {
    const decoded = this.verified.get(sessionToken) ?? this.decode(sessionToken);
    if (!decoded) return { ok: false, code: 'InvalidToken' };
    // Expiry is judged only after the token proved authentic: a forged token learns nothing.
    if (now >= decoded.claims.expiresAt) {
      this.verified.delete(sessionToken);
      return { ok: false, code: 'ExpiredToken' };
    }
    return { ok: true, claims: decoded.claims, secretAccessKey: decoded.secretAccessKey };
  }

  private decode(sessionToken: string): Decoded | null {
    if (sessionToken.length > MAX_SESSION_TOKEN_LENGTH || !sessionToken.startsWith(PREFIX)) {
      return null;
    }
    const sealed = ENVELOPE_VERSION + sessionToken.slice(PREFIX.length);
    // Tampered, truncated, forged or sealed under a retired key: all just "invalid" to the caller.
    const plaintext = this.cipher.tryOpen(sealed, ASSOCIATED_DATA);
    if (typeof plaintext === 'string') return null;
    let payload: unknown;
    try {
      payload = JSON.parse(plaintext.toString('utf8'));
    } catch {
      return null; // authentic but unparsable: only a bug of ours could seal that
    }
    const decoded = fromWire(payload);
    if (decoded && this.verifiedCacheSize > 0) {
      if (this.verified.size >= this.verifiedCacheSize) {
        this.verified.delete(this.verified.keys().next().value as string);
      }
      this.verified.set(sessionToken, decoded);
    }
    return decoded;
  }

  /**
   * The SigV4 key resolver's answer for a temporary access key id: the token must be authentic,
   * unexpired, and issued for that very key id (a token cannot be paired with another ASIA id).
   */
  resolveSigningKey(
    accessKeyId: string,
    sessionToken: string | undefined,
    now: number,
  ): ResolvedSigningKey<SessionClaims> | KeyResolutionFailure | null {
    if (sessionToken === undefined) return null;
    const opened = this.openForSigning(sessionToken, now);
    if (!opened.ok) return opened.code === 'ExpiredToken' ? { failure: 'ExpiredToken' } : null;
    if (opened.claims.accessKeyId !== accessKeyId) return null;
    return { secretAccessKey: opened.secretAccessKey, principal: opened.claims };
  }
}

function toWire(claims: SessionClaims, secretAccessKey: string): WirePayload {
  return {
    k: claims.accessKeyId,
    x: secretAccessKey,
    t: claims.kind === 'assumed-role' ? 'r' : 's',
    a: claims.accountId,
    p: claims.principalArn,
    ...(claims.sessionArn !== undefined ? { s: claims.sessionArn } : {}),
    ...(claims.principalId !== undefined ? { u: claims.principalId } : {}),
    i: claims.issuedAt,
    e: claims.expiresAt,
    ...(claims.mfaAuthenticatedAt !== undefined ? { m: claims.mfaAuthenticatedAt } : {}),
    ...(claims.sourceIdentity !== undefined ? { si: claims.sourceIdentity } : {}),
    ...(claims.sessionPolicy !== undefined ? { sp: claims.sessionPolicy } : {}),
    ...(claims.sessionPolicyArns !== undefined ? { sa: [...claims.sessionPolicyArns] } : {}),
    ...(claims.sessionTags !== undefined ? { tg: { ...claims.sessionTags } } : {}),
  };
}

/**
 * Shape check of an authentic payload (guards against our own format drift, not attackers).
 * Written with plain assignments: this runs on every uncached bearer check.
 */
function fromWire(value: unknown): Decoded | null {
  if (typeof value !== 'object' || value === null) return null;
  const w = value as Record<string, unknown>;
  if (
    typeof w.k !== 'string' ||
    typeof w.x !== 'string' ||
    (w.t !== 's' && w.t !== 'r') ||
    typeof w.a !== 'string' ||
    typeof w.p !== 'string' ||
    !Number.isFinite(w.i) ||
    !Number.isFinite(w.e)
  ) {
    return null;
  }
  const claims: { -readonly [K in keyof SessionClaims]: SessionClaims[K] } = {
    kind: w.t === 'r' ? 'assumed-role' : 'session',
    accountId: w.a,
    principalArn: w.p,
    accessKeyId: w.k,
    issuedAt: w.i as number,
    expiresAt: w.e as number,
  };
  if (w.s !== undefined) {
    if (typeof w.s !== 'string') return null;
    claims.sessionArn = w.s;
  }
  if (w.u !== undefined) {
    if (typeof w.u !== 'string') return null;
    claims.principalId = w.u;
  }
  if (w.m !== undefined) {
    if (!Number.isFinite(w.m)) return null;
    claims.mfaAuthenticatedAt = w.m as number;
  }
  if (w.si !== undefined) {
    if (typeof w.si !== 'string') return null;
    claims.sourceIdentity = w.si;
  }
  if (w.sp !== undefined) {
    if (typeof w.sp !== 'string') return null;
    claims.sessionPolicy = w.sp;
  }
  if (w.sa !== undefined) {
    if (!Array.isArray(w.sa) || !w.sa.every((arn) => typeof arn === 'string')) return null;
    claims.sessionPolicyArns = w.sa as string[];
  }
  if (w.tg !== undefined) {
    const tags = w.tg;
    if (typeof tags !== 'object' || tags === null || Array.isArray(tags)) return null;
    if (!Object.values(tags).every((v) => typeof v === 'string')) return null;
    claims.sessionTags = tags as Record<string, string>;
  }
  return { claims, secretAccessKey: w.x };
}
