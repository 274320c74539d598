import type { IamTag } from './common.events';

/** `iam.user-created.v1` (tags and a boundary given with CreateUser follow as their own events). */
export interface UserCreatedPayload {
  userName: string;
  userId: string;
  path: string;
  arn: string;
  createDate: string;
}

/** `iam.user-updated.v1` (UpdateUser): a new name and/or path, so a new ARN; the id stays. */
export interface UserUpdatedPayload {
  userId: string;
  oldUserName: string;
  newUserName: string;
  oldPath: string;
  newPath: string;
  oldArn: string;
  newArn: string;
}

/** `iam.user-deleted.v1`. A permissions boundary, if any, goes with the user (as in AWS). */
export interface UserDeletedPayload {
  userName: string;
  userId: string;
  path: string;
  arn: string;
  permissionsBoundaryArn?: string;
}

/** `iam.user-tagged.v1`: `tags` as requested, `resultingTags` the user's whole set afterwards. */
export interface UserTaggedPayload {
  userName: string;
  userId: string;
  userArn: string;
  tags: IamTag[];
  resultingTags: IamTag[];
}

/** `iam.user-untagged.v1`: `tagKeys` as requested (absent keys included), `resultingTags` after. */
export interface UserUntaggedPayload {
  userName: string;
  userId: string;
  userArn: string;
  tagKeys: string[];
  resultingTags: IamTag[];
}
