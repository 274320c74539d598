import { IamEventType, type PasswordPolicyPayload } from '@portcullis/contracts';
import type { LoginProfileState, UserState } from '../account.state';
import type { AccountState } from '../account.state';
import type { CommandContext } from '../shared/command-context';
import { requireUser } from '../shared/lookups';
import { userRef } from '../users/user.commands';
import { NAME_LIMITS, RequestValidation } from '../validation';
import { loginProfileExists, noSuchLoginProfile } from './login-profile.errors';

/**
 * Passwords. The domain never sees one: the application layer checks a new password against the
 * account's policy (PasswordPolicyViolation, reuse included) with what `passwordChangeContext`
 * answers, verifies ChangePassword's old password against `currentHash`, hashes the new one and
 * passes the hash. The partition's commands run one at a time, so nothing changes in between.
 */
export type PasswordChangeKind = 'CreateLoginProfile' | 'UpdateLoginProfile' | 'ChangePassword';

/** What checking a new password needs (frozen). Never leaves the command side. */
export interface PasswordChangeContext {
  readonly userName: string;
  /** The account's custom policy; absent = AWS's default rules. */
  readonly policy?: PasswordPolicyPayload;
  /** Hashes of the user's passwords, newest first (PasswordReusePrevention). */
  readonly previousHashes: readonly string[];
  /** The current password's hash (ChangePassword verifies OldPassword against it). */
  readonly currentHash?: string;
  /** When the current password was set (ChangePassword: its age under MaxPasswordAge). */
  readonly passwordChangedAt?: string;
}

export interface CreateLoginProfileInput {
  userName: string;
  passwordHash: string;
  /** Default false. */
  passwordResetRequired?: boolean;
  now: Date;
}

export interface UpdateLoginProfileInput {
  userName: string;
  /** Absent: the password stays. */
  passwordHash?: string;
  /** Absent: the flag stays. */
  passwordResetRequired?: boolean;
  now: Date;
}

export interface DeleteLoginProfileInput {
  userName: string;
}

export interface ChangePasswordInput {
  /** The caller's own user (ChangePassword names no user). */
  userName: string;
  passwordHash: string;
  now: Date;
}

/**
 * The checks a password change of this kind must pass before any password is looked at
 * (parameters, the user, the login profile's existence or absence), and what checking the new
 * password needs. The commands below run the same checks again.
 */
export function passwordChangeContext(
  state: AccountState,
  kind: PasswordChangeKind,
  userName: string,
): PasswordChangeContext {
  const { user, profile } =
    kind === 'CreateLoginProfile'
      ? { user: userWithoutProfile(state, userName), profile: undefined }
      : userWithProfile(state, userName);
  return Object.freeze({
    userName: user.name,
    ...(state.passwordPolicy && { policy: Object.freeze({ ...state.passwordPolicy }) }),
    previousHashes: Object.freeze([...user.passwordHistory]),
    ...(kind === 'ChangePassword' &&
      profile && {
        currentHash: profile.passwordHash,
        passwordChangedAt: profile.passwordChangedAt,
      }),
  });
}

/** CreateLoginProfile: one login profile per user (EntityAlreadyExists for a second). */
export function createLoginProfile(ctx: CommandContext, input: CreateLoginProfileInput): void {
  const user = userWithoutProfile(ctx.state, input.userName);
  ctx.raise(IamEventType.LoginProfileCreated, {
    ...userRef(user),
    passwordHash: input.passwordHash,
    passwordResetRequired: input.passwordResetRequired ?? false,
    createDate: input.now.toISOString(),
  });
}

/** UpdateLoginProfile (an administrator): nothing given, or nothing different, raises nothing. */
export function updateLoginProfile(ctx: CommandContext, input: UpdateLoginProfileInput): void {
  const { user, profile } = userWithProfile(ctx.state, input.userName);
  const resetChanges =
    input.passwordResetRequired !== undefined &&
    input.passwordResetRequired !== profile.passwordResetRequired;
  if (input.passwordHash === undefined && !resetChanges) return;
  ctx.raise(IamEventType.LoginProfileUpdated, {
    ...userRef(user),
    ...(input.passwordHash !== undefined && {
      passwordHash: input.passwordHash,
      passwordChangedAt: input.now.toISOString(),
    }),
    ...(input.passwordResetRequired !== undefined && {
      passwordResetRequired: input.passwordResetRequired,
    }),
  });
}

export function deleteLoginProfile(ctx: CommandContext, input: DeleteLoginProfileInput): void {
  const { user } = userWithProfile(ctx.state, input.userName);
  ctx.raise(IamEventType.LoginProfileDeleted, userRef(user));
}

/** ChangePassword: the user's own new password; a pending reset requirement is met by it. */
export function changePassword(ctx: CommandContext, input: ChangePasswordInput): void {
  const { user } = userWithProfile(ctx.state, input.userName);
  ctx.raise(IamEventType.UserPasswordChanged, {
    ...userRef(user),
    passwordHash: input.passwordHash,
    changedAt: input.now.toISOString(),
  });
}

function validUser(state: AccountState, userName: string): UserState {
  new RequestValidation().name('userName', userName, NAME_LIMITS.user).throwIfAny();
  return requireUser(state, userName);
}

function userWithoutProfile(state: AccountState, userName: string): UserState {
  const user = validUser(state, userName);
  if (user.loginProfile) throw loginProfileExists(user.name);
  return user;
}

function userWithProfile(
  state: AccountState,
  userName: string,
): { user: UserState; profile: LoginProfileState } {
  const user = validUser(state, userName);
  if (!user.loginProfile) throw noSuchLoginProfile(user.name);
  return { user, profile: user.loginProfile };
}
