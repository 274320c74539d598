import { IamEventType, type AccessKeyStatus } from '@portcullis/contracts';
import { IamError } from '../account.errors';
import type { AccessKeyState } from '../account.state';
import type { CommandContext } from '../shared/command-context';
import { RequestValidation } from '../validation';
import { accessKeyQuotaExceeded, noSuchAccessKey } from './access-key.errors';

/**
 * Access keys of the account's root user: CreateAccount's first key, the operator's bootstrap
 * key, and CreateAccessKey / UpdateAccessKey / DeleteAccessKey / ListAccessKeys called by the root
 * without a UserName (as in AWS). The application layer generates and seals the secret, bound to
 * (account id, access key id); the domain never sees it in plaintext. At most two, as for users.
 */
export interface CreateRootAccessKeyInput {
  accessKeyId: string;
  sealedSecretAccessKey: string;
  now: Date;
}

export function createRootAccessKey(ctx: CommandContext, input: CreateRootAccessKeyInput): void {
  new RequestValidation().accessKeyId('accessKeyId', input.accessKeyId).throwIfAny();
  requireAccount(ctx);
  if (ctx.state.rootAccessKeys.size >= ctx.limits.accessKeysPerUser) {
    throw accessKeyQuotaExceeded(ctx.limits.accessKeysPerUser);
  }
  if (
    ctx.state.rootAccessKeys.has(input.accessKeyId) ||
    ctx.state.accessKeyOwners.has(input.accessKeyId)
  ) {
    throw new IamError('EntityAlreadyExists', `Access key ${input.accessKeyId} already exists.`);
  }
  ctx.raise(IamEventType.RootAccessKeyCreated, {
    accountId: ctx.state.accountId,
    accessKeyId: input.accessKeyId,
    status: 'Active',
    sealedSecretAccessKey: input.sealedSecretAccessKey,
    createDate: input.now.toISOString(),
  });
}

/** A new status for a root key; the status it already has raises nothing. */
export function updateRootAccessKey(
  ctx: CommandContext,
  input: { accessKeyId: string; status: AccessKeyStatus },
): void {
  const key = requireRootAccessKey(ctx, input.accessKeyId);
  if (key.status === input.status) return;
  ctx.raise(IamEventType.RootAccessKeyUpdated, {
    accountId: ctx.state.accountId,
    accessKeyId: key.accessKeyId,
    status: input.status,
  });
}

export function deleteRootAccessKey(ctx: CommandContext, input: { accessKeyId: string }): void {
  const key = requireRootAccessKey(ctx, input.accessKeyId);
  ctx.raise(IamEventType.RootAccessKeyDeleted, {
    accountId: ctx.state.accountId,
    accessKeyId: key.accessKeyId,
  });
}

function requireAccount(ctx: CommandContext): void {
  if (ctx.state.account === undefined) {
    throw new IamError('NoSuchEntity', `Account ${ctx.state.accountId} does not exist.`);
  }
}

function requireRootAccessKey(ctx: CommandContext, accessKeyId: string): AccessKeyState {
  new RequestValidation().accessKeyId('accessKeyId', accessKeyId).throwIfAny();
  const key = ctx.state.rootAccessKeys.get(accessKeyId);
  if (!key) throw noSuchAccessKey(accessKeyId);
  return key;
}
