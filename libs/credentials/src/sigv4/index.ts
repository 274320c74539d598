export {
  verifySigV4,
  DEFAULT_CLOCK_SKEW_MS,
  DEFAULT_SIGV4_REGION,
  type KeyResolutionFailure,
  type ResolvedSigningKey,
  type ResolveSigningKey,
  type SigV4Request,
  type SigV4Verification,
  type VerifySigV4Options,
} from './verify-sigv4';
export { SigningKeyCache, deriveSigningKey } from './signing-key-cache';
export { SIGV4_HTTP_STATUS, type SigV4ErrorCode } from './sigv4-errors';
export {
  canonicalQuery,
  canonicalRequest,
  canonicalUri,
  EMPTY_BODY_SHA256,
  parseQueryString,
  SIGV4_ALGORITHM,
  uriEncode,
} from './canonical-request';
