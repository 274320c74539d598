import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  canonicalRequest,
  credentialScope,
  lowerCaseHeaders,
  parseQueryString,
  type QueryParameters,
  sha256Hex,
  stringToSign,
} from './canonical-request';
import { parseAuthorization, type SigV4Claim } from './parse-authorization';
import { invalidServiceMessage, SIGV4_MESSAGES, type SigV4ErrorCode } from './sigv4-errors';
import { SigningKeyCache } from './signing-key-cache';

/**
 * Verifies an AWS Signature Version 4 request: header-signed (what SDKs and the CLI send) or a
 * presigned URL. The order is: shape → scope (date, region, service) → clock → body hash → key
 * lookup → signature, so malformed or stale requests cost no key lookup. The body hash is always
 * computed from the bytes received; an `x-amz-content-sha256` header must agree with it.
 */
export interface SigV4Request {
  readonly method: string;
  /** The path as received on the wire (percent-encoded), without the query string. */
  readonly path: string;
  /** The raw query string (without `?`), or already-decoded parameters. */
  readonly query: string | QueryParameters;
  /** Header names in any case (Node's IncomingHttpHeaders fits). */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly body: Buffer;
}

/** What the caller's key store answers for an access key id (and the session token, if any). */
export interface ResolvedSigningKey<P> {
  /** Used to check the signature; never returned or logged by the verifier. */
  readonly secretAccessKey: string;
  /** Whatever the caller wants back on success (the principal, the session claims, …). */
  readonly principal: P;
}

/** A refusal the resolver can give instead of a key: temporary credentials past their expiry. */
export interface KeyResolutionFailure {
  readonly failure: 'ExpiredToken' | 'InvalidClientTokenId';
}

export type ResolveSigningKey<P> = (
  accessKeyId: string,
  securityToken: string | undefined,
) => Promise<ResolvedSigningKey<P> | KeyResolutionFailure | null>;

export interface VerifySigV4Options {
  /** The region credentials must be scoped to (configurable; DEFAULT_SIGV4_REGION otherwise). */
  readonly region: string;
  /** Services accepted in the credential scope, e.g. ['iam', 'sts']. */
  readonly services: readonly string[];
  /** The server's clock, ms since the epoch. */
  readonly now: number;
  /** Allowed distance between the request time and now (default 5 minutes, as AWS). */
  readonly clockSkewMs?: number;
  readonly signingKeyCache?: SigningKeyCache;
}

export type SigV4Verification<P> =
  | {
      readonly ok: true;
      readonly accessKeyId: string;
      readonly securityToken?: string;
      readonly region: string;
      readonly service: string;
      readonly signedAt: Date;
      readonly principal: P;
    }
  | { readonly ok: false; readonly code: SigV4ErrorCode; readonly message: string };

export const DEFAULT_CLOCK_SKEW_MS = 5 * 60 * 1000;
/** The region credentials are scoped to unless configured otherwise. */
export const DEFAULT_SIGV4_REGION = 'us-east-1';
const defaultSigningKeyCache = new SigningKeyCache();
// Access key ids are short upper-case alphanumerics; anything else is not worth a lookup.
const ACCESS_KEY_ID_SHAPE = /^[A-Z0-9]{16,128}$/;

export async function verifySigV4<P>(
  request: SigV4Request,
  resolveKey: ResolveSigningKey<P>,
  options: VerifySigV4Options,
): Promise<SigV4Verification<P>> {
  const headers = lowerCaseHeaders(request.headers);
  const query =
    typeof request.query === 'string'
      ? parseQueryString(request.query)
      : normaliseQuery(request.query);

  const parsed = parseAuthorization(headers, query);
  if (parsed.kind === 'absent')
    return fail('MissingAuthenticationToken', SIGV4_MESSAGES.missingAuthenticationToken);
  if (parsed.kind === 'ambiguous')
    return fail('IncompleteSignature', SIGV4_MESSAGES.multipleAuthMechanisms);
  if (parsed.kind === 'malformed') return fail('IncompleteSignature', parsed.message);
  const claim = parsed.claim;

  const shapeProblem = signedHeadersProblem(claim, headers);
  if (shapeProblem) return fail('IncompleteSignature', shapeProblem);

  if (claim.scopeDate !== claim.requestTime.slice(0, 8)) {
    return fail('SignatureDoesNotMatch', SIGV4_MESSAGES.scopeDateMismatch);
  }
  if (claim.terminator !== 'aws4_request')
    return fail('SignatureDoesNotMatch', SIGV4_MESSAGES.invalidTerminator);
  if (claim.region !== options.region)
    return fail('SignatureDoesNotMatch', SIGV4_MESSAGES.invalidRegion);
  if (!options.services.includes(claim.service)) {
    return fail('SignatureDoesNotMatch', invalidServiceMessage(options.services));
  }

  const skew = options.clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS;
  if (claim.requestTimeMs - options.now > skew)
    return fail('RequestExpired', SIGV4_MESSAGES.requestExpired);
  if (claim.expiresSeconds === undefined) {
    if (options.now - claim.requestTimeMs > skew)
      return fail('RequestExpired', SIGV4_MESSAGES.requestExpired);
  } else if (options.now > claim.requestTimeMs + claim.expiresSeconds * 1000) {
    return fail('RequestExpired', SIGV4_MESSAGES.presignedUrlExpired);
  }

  const payloadHash = sha256Hex(request.body);
  const declaredHash = headers.get('x-amz-content-sha256');
  if (declaredHash !== undefined && declaredHash !== payloadHash) {
    return fail('SignatureDoesNotMatch', SIGV4_MESSAGES.contentHashMismatch);
  }

  if (!ACCESS_KEY_ID_SHAPE.test(claim.accessKeyId)) {
    return fail('InvalidClientTokenId', SIGV4_MESSAGES.invalidClientTokenId);
  }
  const resolved = await resolveKey(claim.accessKeyId, claim.securityToken);
  if (resolved === null) return fail('InvalidClientTokenId', SIGV4_MESSAGES.invalidClientTokenId);
  if ('failure' in resolved) {
    return resolved.failure === 'ExpiredToken'
      ? fail('ExpiredToken', SIGV4_MESSAGES.expiredToken)
      : fail('InvalidClientTokenId', SIGV4_MESSAGES.invalidClientTokenId);
  }

  const canonical = canonicalRequest({
    method: request.method,
    path: request.path,
    query,
    headers,
    signedHeaders: claim.signedHeaders,
    payloadHash,
  });
  const scope = credentialScope(claim.scopeDate, claim.region, claim.service);
  const signingKey = (options.signingKeyCache ?? defaultSigningKeyCache).signingKey(
    claim.accessKeyId,
    resolved.secretAccessKey,
    claim.scopeDate,
    claim.region,
    claim.service,
  );
  const expected = createHmac('sha256', signingKey)
    .update(stringToSign(claim.requestTime, scope, canonical))
    .digest();
  // Both are 32 bytes (the claimed signature was checked to be 64 hex digits).
  if (!timingSafeEqual(expected, Buffer.from(claim.signature, 'hex'))) {
    return fail('SignatureDoesNotMatch', SIGV4_MESSAGES.signatureDoesNotMatch);
  }

  return {
    ok: true,
    accessKeyId: claim.accessKeyId,
    ...(claim.securityToken !== undefined ? { securityToken: claim.securityToken } : {}),
    region: claim.region,
    service: claim.service,
    signedAt: new Date(claim.requestTimeMs),
    principal: resolved.principal,
  };
}

/**
 * The headers that must be signed: host always; x-amz-date for header signatures (a presigned URL
 * carries its date in the signed query); and any security token or content hash the request
 * carries as a header, so neither can be swapped without breaking the signature. Every signed
 * header must be present.
 */
function signedHeadersProblem(
  claim: SigV4Claim,
  headers: ReadonlyMap<string, string>,
): string | null {
  const signed = new Set(claim.signedHeaders);
  const required = ['host'];
  if (claim.location === 'header') required.push('x-amz-date');
  for (const optional of ['x-amz-security-token', 'x-amz-content-sha256']) {
    if (headers.has(optional)) required.push(optional);
  }
  const unsigned = required.filter((name) => !signed.has(name));
  if (unsigned.length > 0) return `SignedHeaders must include ${unsigned.join(', ')}.`;
  const absent = claim.signedHeaders.filter((name) => !headers.has(name));
  if (absent.length > 0)
    return `SignedHeaders lists headers the request does not have: ${absent.join(', ')}.`;
  return null;
}

function normaliseQuery(query: QueryParameters): Record<string, string[]> {
  const out: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    out[key] = typeof value === 'string' ? [value] : [...value];
  }
  return out;
}

function fail(
  code: SigV4ErrorCode,
  message: string,
): { ok: false; code: SigV4ErrorCode; message: string } {
  return { ok: false, code, message };
}
