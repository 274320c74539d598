import { IamEventType, type AccessKeyStatus } from '@portcullis/contracts';
import type { AccessKeyState, UserState } from '../account.state';
import type { CommandContext } from '../shared/command-context';
import { requireUser } from '../shared/lookups';
import { userRef } from '../users/user.commands';
import { NAME_LIMITS, RequestValidation } from '../validation';
import { accessKeyQuotaExceeded, noSuchAccessKey } from './access-key.errors';
import { findAccessKey } from './access-key.lookup';

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

/** One access key's latest use, as the edge saw it (RecordAccessKeyUsage). */
export interface AccessKeyUsage {
  accessKeyId: string;
  /** Recorded to the minute (AWS's granularity): seconds and below are dropped. */
  lastUsedDate: Date;
  /** The service the request was signed for (`iam`, `sts`). */
  serviceName: string;
  region: string;
}

export interface RecordAccessKeyUsageInput {
  usage: readonly AccessKeyUsage[];
}

/** Longest ServiceName / Region recorded (SigV4 scope parts are short words). */
const USAGE_TEXT_MAX = 64;
const USAGE_TEXT = /^[a-z0-9-]+$/;

/**
 * RecordAccessKeyUsage (internal, batched by the HTTP edge): `iam.access-key-used.v1` for each key,
 * a user's or the root's, whose use is later (to the minute) than the one recorded; an earlier or
 * equal date raises nothing (a batch sent twice, or by two instances, changes nothing more). A key
 * deleted meanwhile is skipped: the batch still succeeds for the others.
 */
export function recordAccessKeyUsage(ctx: CommandContext, input: RecordAccessKeyUsageInput): void {
  const v = new RequestValidation();
  input.usage.forEach((u, i) => {
    v.accessKeyId(`usage.${i}.accessKeyId`, u.accessKeyId);
    if (Number.isNaN(u.lastUsedDate.getTime())) {
      v.violation(`usage.${i}.lastUsedDate`, u.lastUsedDate, 'must be a date');
    }
    for (const [field, value] of [
      ['serviceName', u.serviceName],
      ['region', u.region],
    ] as const) {
      if (value.length > USAGE_TEXT_MAX || !USAGE_TEXT.test(value)) {
        v.violation(`usage.${i}.${field}`, value, `must be 1-${USAGE_TEXT_MAX} of [a-z0-9-]`);
      }
    }
  });
  v.throwIfAny();
  for (const u of input.usage) {
    const found = findAccessKey(ctx.state, u.accessKeyId);
    if (!found) continue; // deleted since it was used
    const date = toMinute(u.lastUsedDate);
    const recorded = found.key.lastUsed?.date;
    if (recorded !== undefined && Date.parse(recorded) >= date.getTime()) continue;
    ctx.raise(IamEventType.AccessKeyUsed, {
      accountId: ctx.state.accountId,
      accessKeyId: u.accessKeyId,
      ...(found.user ? { userName: found.user.name } : {}),
      lastUsedDate: date.toISOString(),
      serviceName: u.serviceName,
      region: u.region,
    });
  }
}

/** `2026-03-04T05:06:07.890Z` → `2026-03-04T05:06:00.000Z`. */
function toMinute(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 60_000) * 60_000);
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
