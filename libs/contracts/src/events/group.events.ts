/** `iam.group-created.v1` */
export interface GroupCreatedPayload {
  groupName: string;
  groupId: string;
  path: string;
  arn: string;
  createDate: string;
}

/** `iam.group-updated.v1` (UpdateGroup): a new name and/or path, so a new ARN; the id stays. */
export interface GroupUpdatedPayload {
  groupId: string;
  oldGroupName: string;
  newGroupName: string;
  oldPath: string;
  newPath: string;
  oldArn: string;
  newArn: string;
}

/** `iam.group-deleted.v1` (only an empty group without policies can be deleted). */
export interface GroupDeletedPayload {
  groupName: string;
  groupId: string;
  path: string;
  arn: string;
}

/** `iam.user-added-to-group.v1` and `iam.user-removed-from-group.v1` */
export interface GroupMembershipPayload {
  groupName: string;
  groupId: string;
  groupArn: string;
  userName: string;
  userId: string;
  userArn: string;
}
export type UserAddedToGroupPayload = GroupMembershipPayload;
export type UserRemovedFromGroupPayload = GroupMembershipPayload;
