import {
  IamEventType,
  type EventEnvelope,
  type GroupMembershipPayload,
  type GroupUpdatedPayload,
} from '@portcullis/contracts';

/** What an event changes in the read models, as far as this cache is concerned. */
export interface Invalidation {
  /** ARNs of the principal, group and managed-policy documents the event may have changed. */
  keys: string[];
  /** A group renamed: its members' documents name it, and change without an event naming them. */
  renamedGroup?: string;
}

/** Payload members that hold an ARN: `arn` and every `…Arn` (userArn, oldArn, policyArn, …). */
function collectArns(value: unknown, into: string[], depth: number): void {
  if (value === null || typeof value !== 'object' || depth > 3) return;
  if (Array.isArray(value)) {
    for (const item of value) if (typeof item === 'object') collectArns(item, into, depth + 1);
    return;
  }
  for (const [name, member] of Object.entries(value as Record<string, unknown>)) {
    if (typeof member === 'string') {
      if ((name === 'arn' || name.endsWith('Arn')) && member.startsWith('arn:')) into.push(member);
    } else if (typeof member === 'object') {
      collectArns(member, into, depth + 1);
    }
  }
}

/**
 * Every event payload names the entities it changes by ARN (a user's events its `userArn`, an
 * attachment the policy's `policyArn` too, a rename the old and the new ARN, an AWS managed
 * policy its `awsManagedPolicy.policyArn`): invalidating every ARN a payload holds covers
 * every event type, including ones added later. Over-invalidation costs a reload, nothing more.
 */
export function invalidationOf(event: EventEnvelope): Invalidation {
  if (
    event.type === IamEventType.UserAddedToGroup ||
    event.type === IamEventType.UserRemovedFromGroup
  ) {
    // Membership lives in the user's document (and the group's members document, which this
    // cache does not hold): the group's own document, shared by all its members, is unchanged.
    return { keys: [(event.payload as GroupMembershipPayload).userArn] };
  }
  const keys: string[] = [];
  collectArns(event.payload, keys, 0);
  if (event.type === IamEventType.GroupUpdated) {
    const p = event.payload as GroupUpdatedPayload;
    return { keys, renamedGroup: p.oldArn };
  }
  return { keys };
}
