import type { IamEventType, IamTag } from '@portcullis/contracts';
import type { AccountEvent } from '@portcullis/domain';

/**
 * Building blocks of AWS-shaped replies, derived from events. A reply is computed from the events
 * a command raised (never from current state), so a retry of the command, answered from the
 * events on the log, gets exactly the first reply.
 */

/** What AWS answers for actions with no response members (AttachUserPolicy, DeleteUser, …). */
export type EmptyResult = Record<string, never>;
export const EMPTY_RESULT: EmptyResult = Object.freeze({}) as EmptyResult;

/** `PermissionsBoundary` of a User or Role (AWS's `AttachedPermissionsBoundary`). */
export interface AttachedPermissionsBoundary {
  PermissionsBoundaryType: 'PermissionsBoundaryPolicy';
  PermissionsBoundaryArn: string;
}

export const attachedPermissionsBoundary = (arn: string): AttachedPermissionsBoundary => ({
  PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
  PermissionsBoundaryArn: arn,
});

/** The first event of a type among those a command raised. */
export function eventOf<T extends IamEventType>(
  events: readonly AccountEvent[],
  type: T,
): AccountEvent<T> | undefined {
  return events.find((e): e is AccountEvent<T> => e.type === type);
}

/** Like eventOf, for the event a command always raises when it succeeds. */
export function requiredEventOf<T extends IamEventType>(
  events: readonly AccountEvent[],
  type: T,
  action: string,
): AccountEvent<T> {
  const event = eventOf(events, type);
  if (!event) throw new Error(`${action} raised no ${type} event`);
  return event;
}

/** `Tags` of a reply: present only when the entity has tags (AWS leaves the member out). */
export const tagsMember = (tags: readonly IamTag[] | undefined): { Tags?: IamTag[] } =>
  tags && tags.length > 0 ? { Tags: tags.map((t) => ({ Key: t.Key, Value: t.Value })) } : {};
