/**
 * The account password policy as AWS models it (UpdateAccountPasswordPolicy /
 * GetAccountPasswordPolicy), the validation of the policy itself, and the check of a candidate
 * password against it, returning the reasons for AWS's `PasswordPolicyViolation`.
 *
 * An account without a custom policy (GetAccountPasswordPolicy → NoSuchEntity) is held to AWS's
 * default policy: 8 to 128 characters, at least three of the four character types, and not the
 * account name or email address. Pass `null` as the policy for that.
 */
export interface PasswordPolicy {
  readonly minimumPasswordLength: number;
  readonly requireSymbols: boolean;
  readonly requireNumbers: boolean;
  readonly requireUppercaseCharacters: boolean;
  readonly requireLowercaseCharacters: boolean;
  readonly allowUsersToChangePassword: boolean;
  /** Days a password is valid; absent = passwords never expire. */
  readonly maxPasswordAge?: number;
  /** How many previous passwords may not be reused; absent = reuse allowed. */
  readonly passwordReusePrevention?: number;
  /** After expiry only an administrator can set a new password. */
  readonly hardExpiry: boolean;
}

/** UpdateAccountPasswordPolicy's parameters, as AWS names them. Absent = AWS's default. */
export interface UpdateAccountPasswordPolicyRequest {
  MinimumPasswordLength?: unknown;
  RequireSymbols?: unknown;
  RequireNumbers?: unknown;
  RequireUppercaseCharacters?: unknown;
  RequireLowercaseCharacters?: unknown;
  AllowUsersToChangePassword?: unknown;
  MaxPasswordAge?: unknown;
  PasswordReusePrevention?: unknown;
  HardExpiry?: unknown;
}

/** GetAccountPasswordPolicy's `PasswordPolicy` element. */
export interface AwsPasswordPolicy {
  MinimumPasswordLength: number;
  RequireSymbols: boolean;
  RequireNumbers: boolean;
  RequireUppercaseCharacters: boolean;
  RequireLowercaseCharacters: boolean;
  AllowUsersToChangePassword: boolean;
  ExpirePasswords: boolean;
  MaxPasswordAge?: number;
  PasswordReusePrevention?: number;
  HardExpiry: boolean;
}

/** What UpdateAccountPasswordPolicy with no parameters sets (AWS's documented defaults). */
export const DEFAULT_CUSTOM_PASSWORD_POLICY: PasswordPolicy = {
  minimumPasswordLength: 6,
  requireSymbols: false,
  requireNumbers: false,
  requireUppercaseCharacters: false,
  requireLowercaseCharacters: false,
  allowUsersToChangePassword: false,
  hardExpiry: false,
};

export const PASSWORD_POLICY_LIMITS = {
  minimumPasswordLength: { min: 6, max: 128 },
  maxPasswordAge: { min: 1, max: 1095 },
  passwordReusePrevention: { min: 1, max: 24 },
} as const;

/** Passwords are at most 128 characters, and AWS's `passwordType` pattern (tab, CR, LF, U+0020-U+00FF). */
export const MAXIMUM_PASSWORD_LENGTH = 128;
const PASSWORD_CHARACTERS = /^[\t\n\r\u0020-\u00ff]*$/;
/** The symbols AWS counts for RequireSymbols: ! @ # $ % ^ & * ( ) _ + - = [ ] { } | ' */
export const PASSWORD_SYMBOLS = "!@#$%^&*()_+-=[]{}|'";
const AWS_DEFAULT_MINIMUM_LENGTH = 8;

export interface PasswordPolicyFieldError {
  /** The parameter, as AWS's validation message names it (camelCase). */
  readonly field: string;
  readonly message: string;
}

export type PasswordPolicyValidation =
  | { readonly ok: true; readonly policy: PasswordPolicy }
  | {
      readonly ok: false;
      readonly errors: readonly PasswordPolicyFieldError[];
      readonly message: string;
    };

/**
 * Validates UpdateAccountPasswordPolicy's parameters and applies AWS's defaults for absent ones.
 * The message is AWS's `ValidationError` wording: "1 validation error detected: Value '3' at
 * 'minimumPasswordLength' failed to satisfy constraint: Member must have value greater than or
 * equal to 6".
 */
export function validatePasswordPolicy(
  request: UpdateAccountPasswordPolicyRequest,
): PasswordPolicyValidation {
  const errors: PasswordPolicyFieldError[] = [];
  const integer = (
    name: keyof typeof PASSWORD_POLICY_LIMITS,
    value: unknown,
  ): number | undefined => {
    if (value === undefined) return undefined;
    const { min, max } = PASSWORD_POLICY_LIMITS[name];
    const shown =
      typeof value === 'string' || typeof value === 'number'
        ? String(value)
        : JSON.stringify(value);
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      errors.push({
        field: name,
        message: `Value '${shown}' at '${name}' failed to satisfy constraint: Member must be an integer`,
      });
    } else if (value < min) {
      errors.push({
        field: name,
        message: `Value '${shown}' at '${name}' failed to satisfy constraint: Member must have value greater than or equal to ${min}`,
      });
    } else if (value > max) {
      errors.push({
        field: name,
        message: `Value '${shown}' at '${name}' failed to satisfy constraint: Member must have value less than or equal to ${max}`,
      });
    } else {
      return value;
    }
    return undefined;
  };
  const boolean = (name: string, value: unknown): boolean => {
    if (value === undefined) return false;
    if (typeof value !== 'boolean') {
      errors.push({
        field: name,
        message: `Value '${String(value)}' at '${name}' failed to satisfy constraint: Member must be a boolean`,
      });
      return false;
    }
    return value;
  };

  const minimumPasswordLength =
    integer('minimumPasswordLength', request.MinimumPasswordLength) ??
    DEFAULT_CUSTOM_PASSWORD_POLICY.minimumPasswordLength;
  const maxPasswordAge = integer('maxPasswordAge', request.MaxPasswordAge);
  const passwordReusePrevention = integer(
    'passwordReusePrevention',
    request.PasswordReusePrevention,
  );
  const policy: PasswordPolicy = {
    minimumPasswordLength,
    requireSymbols: boolean('requireSymbols', request.RequireSymbols),
    requireNumbers: boolean('requireNumbers', request.RequireNumbers),
    requireUppercaseCharacters: boolean(
      'requireUppercaseCharacters',
      request.RequireUppercaseCharacters,
    ),
    requireLowercaseCharacters: boolean(
      'requireLowercaseCharacters',
      request.RequireLowercaseCharacters,
    ),
    allowUsersToChangePassword: boolean(
      'allowUsersToChangePassword',
      request.AllowUsersToChangePassword,
    ),
    hardExpiry: boolean('hardExpiry', request.HardExpiry),
    ...(maxPasswordAge !== undefined ? { maxPasswordAge } : {}),
    ...(passwordReusePrevention !== undefined ? { passwordReusePrevention } : {}),
  };
  if (errors.length > 0) {
    const count = `${errors.length} validation error${errors.length === 1 ? '' : 's'} detected`;
    return { ok: false, errors, message: `${count}: ${errors.map((e) => e.message).join('; ')}` };
  }
  return { ok: true, policy };
}

/** The policy as GetAccountPasswordPolicy returns it. */
export function toAwsPasswordPolicy(policy: PasswordPolicy): AwsPasswordPolicy {
  return {
    MinimumPasswordLength: policy.minimumPasswordLength,
    RequireSymbols: policy.requireSymbols,
    RequireNumbers: policy.requireNumbers,
    RequireUppercaseCharacters: policy.requireUppercaseCharacters,
    RequireLowercaseCharacters: policy.requireLowercaseCharacters,
    AllowUsersToChangePassword: policy.allowUsersToChangePassword,
    ExpirePasswords: policy.maxPasswordAge !== undefined,
    ...(policy.maxPasswordAge !== undefined ? { MaxPasswordAge: policy.maxPasswordAge } : {}),
    ...(policy.passwordReusePrevention !== undefined
      ? { PasswordReusePrevention: policy.passwordReusePrevention }
      : {}),
    HardExpiry: policy.hardExpiry,
  };
}

export type PasswordViolationReason =
  | 'MinimumLength'
  | 'MaximumLength'
  | 'InvalidCharacters'
  | 'RequireUppercaseCharacters'
  | 'RequireLowercaseCharacters'
  | 'RequireNumbers'
  | 'RequireSymbols'
  | 'CharacterTypes'
  | 'SameAsAccountIdentity'
  | 'PasswordReused';

export interface PasswordViolation {
  readonly reason: PasswordViolationReason;
  /** AWS-style sentence for the PasswordPolicyViolation error; never contains the password. */
  readonly message: string;
}

export interface PasswordCheckContext {
  /** For the AWS default policy: the password may not be the account name or email address. */
  readonly accountName?: string;
  readonly accountEmail?: string;
  /**
   * Hashes of earlier passwords, newest first (the current password's first). Only the first
   * `passwordReusePrevention` are checked.
   */
  readonly previousHashes?: readonly string[];
  /** How to compare the candidate to a stored hash (PasswordHasher.verify). Needed with previousHashes. */
  readonly verify?: (password: string, storedHash: string) => Promise<boolean>;
}

/** The composition rules only: synchronous, no hashing. `policy` null = AWS's default policy. */
export function checkPasswordComposition(
  policy: PasswordPolicy | null,
  password: string,
  context: Pick<PasswordCheckContext, 'accountName' | 'accountEmail'> = {},
): PasswordViolation[] {
  const violations: PasswordViolation[] = [];
  const length = [...password].length;
  const minimum = policy?.minimumPasswordLength ?? AWS_DEFAULT_MINIMUM_LENGTH;
  if (length < minimum) {
    violations.push({
      reason: 'MinimumLength',
      message: `Password should have a minimum length of ${minimum}`,
    });
  }
  if (length > MAXIMUM_PASSWORD_LENGTH) {
    violations.push({
      reason: 'MaximumLength',
      message: `Password should have a maximum length of ${MAXIMUM_PASSWORD_LENGTH}`,
    });
  }
  if (!PASSWORD_CHARACTERS.test(password)) {
    violations.push({
      reason: 'InvalidCharacters',
      message: 'Password contains characters that are not allowed',
    });
  }
  const has = {
    upper: /[A-Z]/.test(password),
    lower: /[a-z]/.test(password),
    number: /[0-9]/.test(password),
    symbol: [...password].some((c) => PASSWORD_SYMBOLS.includes(c)),
  };
  if (policy) {
    if (policy.requireUppercaseCharacters && !has.upper) {
      violations.push({
        reason: 'RequireUppercaseCharacters',
        message: 'Password should have at least one uppercase letter',
      });
    }
    if (policy.requireLowercaseCharacters && !has.lower) {
      violations.push({
        reason: 'RequireLowercaseCharacters',
        message: 'Password should have at least one lowercase letter',
      });
    }
    if (policy.requireNumbers && !has.number) {
      violations.push({
        reason: 'RequireNumbers',
        message: 'Password should have at least one number',
      });
    }
    if (policy.requireSymbols && !has.symbol) {
      violations.push({
        reason: 'RequireSymbols',
        message: 'Password should have at least one symbol',
      });
    }
  } else {
    if (Object.values(has).filter(Boolean).length < 3) {
      violations.push({
        reason: 'CharacterTypes',
        message:
          'Password should contain at least three of: uppercase letters, lowercase letters, numbers, symbols',
      });
    }
    const same = (other?: string) =>
      other !== undefined && other.length > 0 && other.toLowerCase() === password.toLowerCase();
    if (same(context.accountName) || same(context.accountEmail)) {
      violations.push({
        reason: 'SameAsAccountIdentity',
        message: 'Password should not be the same as the account name or email address',
      });
    }
  }
  return violations;
}

/**
 * Composition rules, then (only if those pass and the policy prevents reuse) the reuse check
 * against the last `passwordReusePrevention` hashes. Hash comparisons run concurrently: with
 * scrypt at ~100 ms each, 24 sequential checks would take seconds.
 */
export async function checkPassword(
  policy: PasswordPolicy | null,
  password: string,
  context: PasswordCheckContext = {},
): Promise<PasswordViolation[]> {
  const violations = checkPasswordComposition(policy, password, context);
  const remembered = policy?.passwordReusePrevention ?? 0;
  const previous = (context.previousHashes ?? []).slice(0, remembered);
  if (violations.length > 0 || previous.length === 0) return violations;
  if (!context.verify) throw new TypeError('checkPassword: previousHashes given without verify');
  const verify = context.verify;
  const matches = await Promise.all(previous.map((hash) => verify(password, hash)));
  if (matches.some(Boolean)) {
    violations.push({
      reason: 'PasswordReused',
      message: `Password should not be one of your ${remembered} previous passwords`,
    });
  }
  return violations;
}

/** One message for AWS's PasswordPolicyViolation error. */
export function passwordPolicyViolationMessage(violations: readonly PasswordViolation[]): string {
  return violations.map((v) => v.message).join('. ');
}

export interface PasswordExpiry {
  /** When the password stops working; absent when the policy does not expire passwords. */
  readonly expiresAt?: Date;
  readonly expired: boolean;
  /**
   * What an expired password still allows: `change-at-sign-in` (the user signs in with it and must
   * choose a new one) or `administrator-reset` (HardExpiry: the user cannot sign in at all).
   */
  readonly afterExpiry: 'change-at-sign-in' | 'administrator-reset';
}

export function passwordExpiry(
  policy: PasswordPolicy | null,
  passwordLastChangedAt: Date,
  now: Date,
): PasswordExpiry {
  const afterExpiry = policy?.hardExpiry ? 'administrator-reset' : 'change-at-sign-in';
  if (!policy?.maxPasswordAge) return { expired: false, afterExpiry };
  const expiresAt = new Date(passwordLastChangedAt.getTime() + policy.maxPasswordAge * 86_400_000);
  return { expiresAt, expired: now.getTime() >= expiresAt.getTime(), afterExpiry };
}
