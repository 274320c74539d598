/**
 * The authentication failures a SigV4 verifier reports, with AWS's codes, HTTP statuses and
 * wording. Messages say what is wrong with the request's shape (which helps an honest client fix
 * it) but never what the server computed (no canonical request, no string to sign, no expected
 * signature), nor whether an access key exists beyond AWS's own InvalidClientTokenId.
 */
export type SigV4ErrorCode =
  | 'MissingAuthenticationToken'
  | 'IncompleteSignature'
  | 'InvalidClientTokenId'
  | 'SignatureDoesNotMatch'
  | 'RequestExpired'
  | 'ExpiredToken';

export const SIGV4_HTTP_STATUS: Readonly<Record<SigV4ErrorCode, number>> = {
  MissingAuthenticationToken: 403,
  IncompleteSignature: 400,
  InvalidClientTokenId: 403,
  SignatureDoesNotMatch: 403,
  RequestExpired: 400,
  ExpiredToken: 403,
};

export const SIGV4_MESSAGES = {
  missingAuthenticationToken: 'Missing Authentication Token',
  invalidClientTokenId: 'The security token included in the request is invalid.',
  signatureDoesNotMatch:
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
  expiredToken: 'The security token included in the request is expired',
  requestExpired:
    'Signature expired: the request time is more than 5 minutes away from the server time.',
  presignedUrlExpired: 'Request has expired.',
  invalidRegion: 'Credential should be scoped to a valid region.',
  invalidTerminator: "Credential should be scoped with a valid terminator: 'aws4_request'.",
  scopeDateMismatch:
    'Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP.',
  contentHashMismatch:
    "The provided 'x-amz-content-sha256' header does not match what was computed.",
  multipleAuthMechanisms:
    'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter or the Authorization header should be specified.',
} as const;

export function invalidServiceMessage(services: readonly string[]): string {
  return `Credential should be scoped to correct service: ${services.map((s) => `'${s}'`).join(' or ')}.`;
}
