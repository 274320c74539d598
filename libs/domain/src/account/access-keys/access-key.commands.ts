import { IamEventType, type AccessKeyStatus } from '@portcullis/contracts';
import type { AccessKeyState, UserState } from '../account.state';
import type { CommandContext } from '../shared/command-context';
import { requireUser } from '../shared/lookups';
import { userRef } from '../users/user.commands';
import { NAME_LIMITS, RequestValidation } from '../validation';
import { accessKeyQuotaExceeded, noSuchAccessKey } from './access-key.errors';

/**
 * CreateAccessKey. The application layer generates the id and the secret and seals the secret
 * (bound to the user's id and the key's id) before calling: the domain stores what it is given
 * and never sees the secret in plaintext.
 */
export interface CreateAccessKeyInput {
  userName: string;
  accessKeyId: string;
  sealedSecretAccessKey: string;
  now: Date;
}

export interface UpdateAccessKeyInput {
  userName: string;
  accessKeyId: string;
  status: AccessKeyStatus;
}

export interface DeleteAccessKeyInput {
  userName: string;
  accessKeyId: string;
}

/** CreateAccessKey: an Active key, at most `accessKeysPerUser` per user (active or not). */
export function createAccessKey(ctx: CommandContext, input: CreateAccessKeyInput): void {
  const v = new RequestValidation().name('userName', input.userName, NAME_LIMITS.user);
  v.accessKeyId('accessKeyId', input.accessKeyId).throwIfAny();
  const user = requireUser(ctx.state, input.userName);
  if (user.accessKeys.size >= ctx.limits.accessKeysPerUser) {
    throw accessKeyQuotaExceeded(ctx.limits.accessKeysPerUser);
  }
  // 80 random bits: a collision is a broken random source, not something a caller can fix.
  if (
    ctx.state.accessKeyOwners.has(input.accessKeyId) ||
    ctx.state.rootAccessKeys.has(input.accessKeyId)
  ) {
    throw new Error(`generated access key id ${input.accessKeyId} is already in use`);
  }
  ctx.raise(IamEventType.AccessKeyCreated, {
    ...userRef(user),
    accessKeyId: input.accessKeyId,
    status: 'Active',
    sealedSecretAccessKey: input.sealedSecretAccessKey,
    createDate: input.now.toISOString(),
  });
}

/** UpdateAccessKey: Active ⇄ Inactive. The status it already has raises nothing. */
export function updateAccessKey(ctx: CommandContext, input: UpdateAccessKeyInput): void {
  const { user, key } = requireAccessKey(ctx, input);
  if (key.status === input.status) return;
  ctx.raise(IamEventType.AccessKeyUpdated, {
    ...userRef(user),
    accessKeyId: key.accessKeyId,
    status: input.status,
  });
}

export function deleteAccessKey(ctx: CommandContext, input: DeleteAccessKeyInput): void {
  const { user, key } = requireAccessKey(ctx, input);
  ctx.raise(IamEventType.AccessKeyDeleted, { ...userRef(user), accessKeyId: key.accessKeyId });
}

/** The user's key: a key of another user is NoSuchEntity too, as AWS answers. */
function requireAccessKey(
  ctx: CommandContext,
  input: { userName: string; accessKeyId: string },
): { user: UserState; key: AccessKeyState } {
  const v = new RequestValidation().name('userName', input.userName, NAME_LIMITS.user);
  v.accessKeyId('accessKeyId', input.accessKeyId).throwIfAny();
  const user = requireUser(ctx.state, input.userName);
  const key = user.accessKeys.get(input.accessKeyId);
  if (!key) throw noSuchAccessKey(input.accessKeyId);
  return { user, key };
}
