import { IamEventType, type IamTag } from '@portcullis/contracts';
import { deleteConflict, entityAlreadyExists } from '../account.errors';
import type { UserState } from '../account.state';
import { entityArn } from '../arns';
import { awsUniqueId, RandomSource } from '../ids';
import type { AccountEvent, CommandContext } from '../shared/command-context';
import { requireAttachablePolicy, requireUser } from '../shared/lookups';
import { checkTagKeys, checkTags, copyTags, tagsAfterTagging, tagsAfterUntagging } from '../tags';
import { NAME_LIMITS, RequestValidation } from '../validation';

export interface CreateUserInput {
  userName: string;
  /** Defaults to `/`. */
  path?: string;
  /** ARN of a managed policy to use as the user's permissions boundary. */
  permissionsBoundary?: string;
  tags?: IamTag[];
  now: Date;
  random: RandomSource;
}

export interface UpdateUserInput {
  userName: string;
  newUserName?: string;
  newPath?: string;
}

export interface DeleteUserInput {
  userName: string;
}

export interface TagUserInput {
  userName: string;
  tags: IamTag[];
}

export interface UntagUserInput {
  userName: string;
  tagKeys: string[];
}

/** The fields naming a user in the payloads of events about it. */
export const userRef = (u: UserState) => ({ userName: u.name, userId: u.id, userArn: u.arn });

/**
 * CreateUser: `iam.user-created.v1`, then `iam.user-tagged.v1` when tags are given and
 * `iam.user-permissions-boundary-put.v1` when a boundary is. Returns the user-created event.
 */
export function createUser(
  ctx: CommandContext,
  input: CreateUserInput,
): AccountEvent<typeof IamEventType.UserCreated> {
  const path = input.path ?? '/';
  const v = new RequestValidation().name('userName', input.userName, NAME_LIMITS.user);
  v.path('path', path);
  if (input.permissionsBoundary !== undefined)
    v.arn('permissionsBoundary', input.permissionsBoundary);
  v.throwIfAny();
  const tags = input.tags ?? [];
  checkTags(tags, ctx.limits.tagsPerEntity);
  if (ctx.state.users.find(input.userName)) throw entityAlreadyExists('User', input.userName);
  const boundary =
    input.permissionsBoundary === undefined
      ? undefined
      : requireAttachablePolicy(ctx, input.permissionsBoundary);

  const created = ctx.raise(IamEventType.UserCreated, {
    userName: input.userName,
    userId: awsUniqueId('AIDA', input.random),
    path,
    arn: entityArn(ctx.state.accountId, 'user', path, input.userName),
    createDate: input.now.toISOString(),
  });
  const ref = {
    userName: created.payload.userName,
    userId: created.payload.userId,
    userArn: created.payload.arn,
  };
  if (tags.length > 0) {
    const resultingTags = tagsAfterTagging(new Map(), tags, ctx.limits.tagsPerEntity);
    ctx.raise(IamEventType.UserTagged, { ...ref, tags: copyTags(tags), resultingTags });
  }
  if (boundary) {
    ctx.raise(IamEventType.UserPermissionsBoundaryPut, {
      ...ref,
      permissionsBoundaryArn: boundary.policyArn,
      ...(boundary.awsManagedPolicy && { awsManagedPolicy: boundary.awsManagedPolicy }),
    });
  }
  return created;
}

/** UpdateUser: a new name and/or path. Nothing is raised when neither changes. */
export function updateUser(ctx: CommandContext, input: UpdateUserInput): void {
  const v = new RequestValidation().name('userName', input.userName, NAME_LIMITS.user);
  if (input.newUserName !== undefined) v.name('newUserName', input.newUserName, NAME_LIMITS.user);
  if (input.newPath !== undefined) v.path('newPath', input.newPath);
  v.throwIfAny();
  const user = requireUser(ctx.state, input.userName);
  const newUserName = input.newUserName ?? user.name;
  const newPath = input.newPath ?? user.path;
  const other = ctx.state.users.find(newUserName);
  if (other && other !== user) throw entityAlreadyExists('User', newUserName);
  if (newUserName === user.name && newPath === user.path) return;
  ctx.raise(IamEventType.UserUpdated, {
    userId: user.id,
    oldUserName: user.name,
    newUserName,
    oldPath: user.path,
    newPath,
    oldArn: user.arn,
    newArn: entityArn(ctx.state.accountId, 'user', newPath, newUserName),
  });
}

/**
 * DeleteUser: only a user without credentials (login profile, access keys, MFA devices), without
 * inline or attached policies and in no group, with AWS's DeleteConflict messages. A permissions
 * boundary does not stop it (as in AWS); it goes with the user.
 */
export function deleteUser(ctx: CommandContext, input: DeleteUserInput): void {
  new RequestValidation().name('userName', input.userName, NAME_LIMITS.user).throwIfAny();
  const user = requireUser(ctx.state, input.userName);
  if (user.loginProfile)
    throw deleteConflict('Cannot delete entity, must delete login profile first.');
  if (user.accessKeys.size > 0) {
    throw deleteConflict('Cannot delete entity, must delete access keys first.');
  }
  if (user.mfaDevices.size > 0) {
    throw deleteConflict('Cannot delete entity, must delete MFA device first.');
  }
  if (user.inline.size > 0)
    throw deleteConflict('Cannot delete entity, must delete policies first.');
  if (user.attached.size > 0) {
    throw deleteConflict('Cannot delete entity, must detach all policies first.');
  }
  if (user.groups.size > 0) {
    throw deleteConflict('Cannot delete entity, must remove users from group first.');
  }
  ctx.raise(IamEventType.UserDeleted, {
    userName: user.name,
    userId: user.id,
    path: user.path,
    arn: user.arn,
    ...(user.boundary !== undefined && { permissionsBoundaryArn: user.boundary }),
  });
}

export function tagUser(ctx: CommandContext, input: TagUserInput): void {
  new RequestValidation().name('userName', input.userName, NAME_LIMITS.user).throwIfAny();
  checkTags(input.tags, ctx.limits.tagsPerEntity);
  const user = requireUser(ctx.state, input.userName);
  const resultingTags = tagsAfterTagging(user.tags, input.tags, ctx.limits.tagsPerEntity);
  ctx.raise(IamEventType.UserTagged, {
    ...userRef(user),
    tags: copyTags(input.tags),
    resultingTags,
  });
}

export function untagUser(ctx: CommandContext, input: UntagUserInput): void {
  new RequestValidation().name('userName', input.userName, NAME_LIMITS.user).throwIfAny();
  checkTagKeys(input.tagKeys, ctx.limits.tagsPerEntity);
  const user = requireUser(ctx.state, input.userName);
  ctx.raise(IamEventType.UserUntagged, {
    ...userRef(user),
    tagKeys: [...input.tagKeys],
    resultingTags: tagsAfterUntagging(user.tags, input.tagKeys),
  });
}
