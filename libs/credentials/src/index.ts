/**
 * @portcullis/credentials: the pure building blocks of IAM credentials. Access key ids and
 * secrets, key-encryption keys and sealing of secrets at rest, password hashing and the account
 * password policy, TOTP for virtual MFA, the SigV4 verifier, self-contained session tokens, and the
 * sign-in limiter. No Nest, Kafka or Mongo: apps wire storage and transports around these.
 */
export {
  ACCESS_KEY_ID_PREFIXES,
  accessKeyKindOf,
  generateAccessKeyId,
  generateSecretAccessKey,
  isAccessKeyId,
  isSecretAccessKey,
  type AccessKeyKind,
  type RandomBytes,
} from './access-key-ids';
export {
  formatKeyRingConfig,
  generateKeyEncryptionKey,
  KEY_ENCRYPTION_KEY_BYTES,
  KEY_RING_ENV_VAR,
  KeyRing,
  KeyRingConfigError,
  type KeyEncryptionKey,
} from './key-ring';
export {
  associatedData,
  EnvelopeCipher,
  EnvelopeError,
  sealedKeyId,
  type EnvelopeCipherOptions,
  type EnvelopeErrorCode,
} from './envelope-cipher';
export {
  DEFAULT_SCRYPT_PARAMETERS,
  MAX_HASHED_PASSWORD_LENGTH,
  PasswordHasher,
  PasswordHashFormatError,
  type ScryptParameters,
} from './password-hasher';
export {
  checkPassword,
  checkPasswordComposition,
  DEFAULT_CUSTOM_PASSWORD_POLICY,
  MAXIMUM_PASSWORD_LENGTH,
  PASSWORD_POLICY_LIMITS,
  PASSWORD_SYMBOLS,
  passwordExpiry,
  passwordPolicyViolationMessage,
  toAwsPasswordPolicy,
  validatePasswordPolicy,
  type AwsPasswordPolicy,
  type PasswordCheckContext,
  type PasswordExpiry,
  type PasswordPolicy,
  type PasswordPolicyFieldError,
  type PasswordPolicyValidation,
  type PasswordViolation,
  type PasswordViolationReason,
  type UpdateAccountPasswordPolicyRequest,
} from './password-policy';
export {
  generateTotpSeed,
  TOTP_DIGITS,
  TOTP_PERIOD_SECONDS,
  totpCode,
  totpStep,
  totpUri,
  verifyConsecutiveTotp,
  verifyTotp,
  type TotpVerification,
  type TotpVerifyOptions,
} from './totp';
export * from './sigv4';
export {
  MAX_SESSION_TOKEN_LENGTH,
  SESSION_DURATION_LIMITS_SECONDS,
  SessionTokenSealer,
  type OpenedSession,
  type OpenedSessionForSigning,
  type SessionClaims,
  type SessionClaimsRequest,
  type SessionTokenErrorCode,
  type TemporaryCredentials,
} from './session-token';
export {
  DEFAULT_SIGN_IN_LIMITS,
  SignInLimiter,
  type FailureOutcome,
  type SignInDecision,
  type SignInLimiterOptions,
} from './sign-in-limiter';
export { ServiceSignature } from './service-signature';
export {
  generateSealedBoxKeyPair,
  openSealedToService,
  openWith,
  SEALED_BOX_ALGORITHM,
  SEALED_BOX_PREFIX,
  SealedBoxError,
  sealedBoxKeyPairFrom,
  sealTo,
  sealToService,
  serviceSealedBoxKey,
  type SealedBoxKeyPair,
  type ServiceSealedBoxKey,
} from './sealed-box';
