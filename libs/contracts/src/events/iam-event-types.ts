/**
 * Persisted event types and their payloads. The strings are part of the log's contract:
 * never rename one; add a new version (`.v2`) and upcast the old one on read.
 */
export const IamEventType = {
  UserCreated: 'iam.user-created.v1',
  UserPolicyPut: 'iam.user-policy-put.v1',
} as const;
export type IamEventType = (typeof IamEventType)[keyof typeof IamEventType];

export interface UserCreatedPayload {
  userName: string;
  userId: string;
  path: string;
  arn: string;
  createDate: string;
}

export interface UserPolicyPutPayload {
  userName: string;
  userArn: string;
  policyName: string;
  /** The policy document as the caller sent it (JSON text). */
  policyDocument: string;
}

export interface IamEventPayloads {
  [IamEventType.UserCreated]: UserCreatedPayload;
  [IamEventType.UserPolicyPut]: UserPolicyPutPayload;
}
