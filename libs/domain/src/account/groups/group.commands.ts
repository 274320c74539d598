import { IamEventType } from '@portcullis/contracts';
import { deleteConflict, entityAlreadyExists, IamError, limitExceeded } from '../account.errors';
import type { GroupState } from '../account.state';
import { entityArn } from '../arns';
import { awsUniqueId, RandomSource } from '../ids';
import type { CommandContext } from '../shared/command-context';
import { requireGroup, requireUser } from '../shared/lookups';
import { NAME_LIMITS, RequestValidation } from '../validation';

export interface CreateGroupInput {
  groupName: string;
  /** Defaults to `/`. */
  path?: string;
  now: Date;
  random: RandomSource;
}

export interface UpdateGroupInput {
  groupName: string;
  newGroupName?: string;
  newPath?: string;
}

export interface DeleteGroupInput {
  groupName: string;
}

export interface GroupMembershipInput {
  groupName: string;
  userName: string;
}

export const groupRef = (g: GroupState) => ({ groupName: g.name, groupId: g.id, groupArn: g.arn });

export function createGroup(ctx: CommandContext, input: CreateGroupInput): void {
  const path = input.path ?? '/';
  new RequestValidation()
    .name('groupName', input.groupName, NAME_LIMITS.group)
    .path('path', path)
    .throwIfAny();
  if (ctx.state.groups.find(input.groupName)) throw entityAlreadyExists('Group', input.groupName);
  ctx.raise(IamEventType.GroupCreated, {
    groupName: input.groupName,
    groupId: awsUniqueId('AGPA', input.random),
    path,
    arn: entityArn(ctx.state.accountId, 'group', path, input.groupName),
    createDate: input.now.toISOString(),
  });
}

/** UpdateGroup: a new name and/or path. Nothing is raised when neither changes. */
export function updateGroup(ctx: CommandContext, input: UpdateGroupInput): void {
  const v = new RequestValidation().name('groupName', input.groupName, NAME_LIMITS.group);
  if (input.newGroupName !== undefined) {
    v.name('newGroupName', input.newGroupName, NAME_LIMITS.group);
  }
  if (input.newPath !== undefined) v.path('newPath', input.newPath);
  v.throwIfAny();
  const group = requireGroup(ctx.state, input.groupName);
  const newGroupName = input.newGroupName ?? group.name;
  const newPath = input.newPath ?? group.path;
  const other = ctx.state.groups.find(newGroupName);
  if (other && other !== group) throw entityAlreadyExists('Group', newGroupName);
  if (newGroupName === group.name && newPath === group.path) return;
  ctx.raise(IamEventType.GroupUpdated, {
    groupId: group.id,
    oldGroupName: group.name,
    newGroupName,
    oldPath: group.path,
    newPath,
    oldArn: group.arn,
    newArn: entityArn(ctx.state.accountId, 'group', newPath, newGroupName),
  });
}

/** DeleteGroup: only a group without members, inline or attached policies. */
export function deleteGroup(ctx: CommandContext, input: DeleteGroupInput): void {
  new RequestValidation().name('groupName', input.groupName, NAME_LIMITS.group).throwIfAny();
  const group = requireGroup(ctx.state, input.groupName);
  if (group.members.size > 0) {
    throw deleteConflict('Cannot delete entity, must remove users from group first.');
  }
  if (group.inline.size > 0)
    throw deleteConflict('Cannot delete entity, must delete policies first.');
  if (group.attached.size > 0) {
    throw deleteConflict('Cannot delete entity, must detach all policies first.');
  }
  ctx.raise(IamEventType.GroupDeleted, {
    groupName: group.name,
    groupId: group.id,
    path: group.path,
    arn: group.arn,
  });
}

function checkMembershipInput(input: GroupMembershipInput): void {
  new RequestValidation()
    .name('groupName', input.groupName, NAME_LIMITS.group)
    .name('userName', input.userName, NAME_LIMITS.user)
    .throwIfAny();
}

/** AddUserToGroup. Adding a member again changes nothing and raises nothing, as in AWS. */
export function addUserToGroup(ctx: CommandContext, input: GroupMembershipInput): void {
  checkMembershipInput(input);
  const group = requireGroup(ctx.state, input.groupName);
  const user = requireUser(ctx.state, input.userName);
  if (group.members.has(user.key)) return;
  if (user.groups.size >= ctx.limits.groupsPerUser) {
    throw limitExceeded(`Cannot exceed quota for GroupsPerUser: ${ctx.limits.groupsPerUser}`);
  }
  ctx.raise(IamEventType.UserAddedToGroup, {
    ...groupRef(group),
    userName: user.name,
    userId: user.id,
    userArn: user.arn,
  });
}

export function removeUserFromGroup(ctx: CommandContext, input: GroupMembershipInput): void {
  checkMembershipInput(input);
  const group = requireGroup(ctx.state, input.groupName);
  const user = requireUser(ctx.state, input.userName);
  if (!group.members.has(user.key)) {
    throw new IamError(
      'NoSuchEntity',
      `The user with name ${user.name} cannot be found in group ${group.name}.`,
    );
  }
  ctx.raise(IamEventType.UserRemovedFromGroup, {
    ...groupRef(group),
    userName: user.name,
    userId: user.id,
    userArn: user.arn,
  });
}
