const STATUS: Record<string, number> = {
  ValidationError: 400,
  InvalidInput: 400,
  InvalidAction: 400,
  MalformedPolicyDocument: 400,
  UnmodifiableEntity: 400,
  PasswordPolicyViolation: 400,
  InvalidUserType: 400,
  AccessDenied: 403,
  // Authentication (SigV4): as SIGV4_HTTP_STATUS in @portcullis/credentials.
  MissingAuthenticationToken: 403,
  InvalidClientTokenId: 403,
  SignatureDoesNotMatch: 403,
  ExpiredToken: 403,
  IncompleteSignature: 400,
  RequestExpired: 400,
  InvalidAuthenticationCode: 403,
  NoSuchEntity: 404,
  EntityAlreadyExists: 409,
  DeleteConflict: 409,
  LimitExceeded: 409,
  ConcurrentModification: 409,
  ServiceUnavailable: 503,
};

/** HTTP status for an AWS error code, as AWS's IAM API answers it. */
export const httpStatusFor = (code: string): number => STATUS[code] ?? 500;
