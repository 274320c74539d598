import { type EventEnvelope, IamEventType } from '@portcullis/contracts';
import type { ReadModelKind } from '@portcullis/read-models';
import type { DocRef, ProjectionWorkspace } from './projection-workspace';

/**
 * A document an event reads or writes. `creates`: the event begins this document's life (a
 * Create* event), so the loader may take it as absent without asking the store. That is safe
 * even on redelivery: every later event of the document follows its creation in the log, so
 * re-applying from the creation rebuilds it, and the put falls back to a replace if a copy
 * exists.
 */
export interface TouchedDoc extends DocRef {
  creates?: boolean;
}

type Payload = Record<string, unknown>;

const str = (p: Payload, key: string): string | undefined =>
  typeof p[key] === 'string' && p[key] !== '' ? (p[key] as string) : undefined;

function refs(...items: [ReadModelKind, string | undefined, boolean?][]): TouchedDoc[] {
  const out: TouchedDoc[] = [];
  for (const [kind, id, creates] of items) {
    if (id === undefined) continue;
    out.push(creates ? { kind, id, creates } : { kind, id });
  }
  return out;
}

/** The AWS managed policy document an attachment or boundary event upserts, if any. */
function awsPolicy(p: Payload): [ReadModelKind, string | undefined] {
  const aws = p.awsManagedPolicy;
  if (typeof aws !== 'object' || aws === null) return ['policy', undefined];
  return ['policy', str(aws as Payload, 'policyArn')];
}

/**
 * The documents an event reads or writes that its payload names (by kind and `_id`); load these
 * before `applyEvent`. Renames and deletes of users and groups also need documents named by
 * other documents: see `fanOutIds`. Tolerant of malformed payloads (it answers what it can;
 * `applyEvent` then rejects the event) and of unknown types (nothing).
 */
export function touchedIds(event: EventEnvelope): TouchedDoc[] {
  const p: Payload =
    typeof event.payload === 'object' && event.payload !== null ? (event.payload as Payload) : {};
  switch (event.type) {
    case IamEventType.AccountCreated:
      return [];

    case IamEventType.UserCreated:
    case IamEventType.RoleCreated:
      return refs(['principal', str(p, 'arn'), true]);
    case IamEventType.UserUpdated:
      return refs(['principal', str(p, 'oldArn')], ['principal', str(p, 'newArn')]);
    case IamEventType.UserDeleted:
    case IamEventType.RoleDeleted:
      return refs(['principal', str(p, 'arn')]);
    case IamEventType.UserTagged:
    case IamEventType.UserUntagged:
    case IamEventType.UserPolicyDetached:
    case IamEventType.UserPolicyPut:
    case IamEventType.UserPolicyDeleted:
    case IamEventType.UserPermissionsBoundaryDeleted:
      return refs(['principal', str(p, 'userArn')]);
    case IamEventType.UserPolicyAttached:
    case IamEventType.UserPermissionsBoundaryPut:
      return refs(['principal', str(p, 'userArn')], awsPolicy(p));

    case IamEventType.GroupCreated:
      // A new group has no members: its membership document is known absent too.
      return refs(['group', str(p, 'arn'), true], ['groupMembers', str(p, 'arn'), true]);
    case IamEventType.GroupUpdated:
      return refs(
        ['group', str(p, 'oldArn')],
        ['group', str(p, 'newArn')],
        ['groupMembers', str(p, 'oldArn')],
        ['groupMembers', str(p, 'newArn')],
      );
    case IamEventType.GroupDeleted:
      return refs(['group', str(p, 'arn')], ['groupMembers', str(p, 'arn')]);
    case IamEventType.UserAddedToGroup:
    case IamEventType.UserRemovedFromGroup:
      return refs(['principal', str(p, 'userArn')], ['groupMembers', str(p, 'groupArn')]);
    case IamEventType.GroupPolicyDetached:
    case IamEventType.GroupPolicyPut:
    case IamEventType.GroupPolicyDeleted:
      return refs(['group', str(p, 'groupArn')]);
    case IamEventType.GroupPolicyAttached:
      return refs(['group', str(p, 'groupArn')], awsPolicy(p));

    case IamEventType.RoleTrustPolicyUpdated:
    case IamEventType.RoleUpdated:
    case IamEventType.RoleTagged:
    case IamEventType.RoleUntagged:
    case IamEventType.RolePolicyDetached:
    case IamEventType.RolePolicyPut:
    case IamEventType.RolePolicyDeleted:
    case IamEventType.RolePermissionsBoundaryDeleted:
      return refs(['principal', str(p, 'roleArn')]);
    case IamEventType.RolePolicyAttached:
    case IamEventType.RolePermissionsBoundaryPut:
      return refs(['principal', str(p, 'roleArn')], awsPolicy(p));

    case IamEventType.PolicyCreated:
      return refs(['policy', str(p, 'arn'), true]);
    case IamEventType.PolicyDeleted:
      return refs(['policy', str(p, 'arn')]);
    case IamEventType.PolicyVersionCreated:
    case IamEventType.PolicyDefaultVersionSet:
    case IamEventType.PolicyVersionDeleted:
    case IamEventType.PolicyTagged:
    case IamEventType.PolicyUntagged:
      return refs(['policy', str(p, 'policyArn')]);

    // A key and its user's list of key ids. A new key is read, not taken as absent: key ids are
    // global, and the projection refuses one another account holds (see apply-event.ts).
    case IamEventType.AccessKeyCreated:
    case IamEventType.AccessKeyDeleted:
      return refs(['accessKey', str(p, 'accessKeyId')], ['principal', str(p, 'userArn')]);
    case IamEventType.AccessKeyUpdated:
    case IamEventType.RootAccessKeyCreated:
    case IamEventType.RootAccessKeyUpdated:
    case IamEventType.RootAccessKeyDeleted:
      return refs(['accessKey', str(p, 'accessKeyId')]);

    // The other credentials change no read model (see apply-event.ts): nothing to load.
    case IamEventType.LoginProfileCreated:
    case IamEventType.LoginProfileUpdated:
    case IamEventType.LoginProfileDeleted:
    case IamEventType.UserPasswordChanged:
    case IamEventType.AccountPasswordPolicyUpdated:
    case IamEventType.AccountPasswordPolicyDeleted:
    case IamEventType.VirtualMfaDeviceCreated:
    case IamEventType.MfaDeviceEnabled:
    case IamEventType.MfaDeviceResynced:
    case IamEventType.MfaDeviceDeactivated:
    case IamEventType.VirtualMfaDeviceDeleted:
      return [];

    default:
      return [];
  }
}

/**
 * The documents an event reaches through other documents, given the workspace as it is just
 * before the event (its `touchedIds` loaded, earlier events of the batch applied):
 * - UpdateUser / DeleteUser: the membership documents of the user's groups (at most 10) and
 *   the user's access keys (at most 2, listed in its `accessKeyIds`);
 * - UpdateGroup / DeleteGroup: the user documents of the group's members. Renaming a group is the
 *   one change that rewrites one document per affected principal (each names its groups by
 *   ARN); it is bounded by the group's size, and nothing else fans out: attachments, policy
 *   versions and memberships are one or two document writes whatever the group's size.
 */
export function fanOutIds(event: EventEnvelope, ws: ProjectionWorkspace): DocRef[] {
  const p: Payload =
    typeof event.payload === 'object' && event.payload !== null ? (event.payload as Payload) : {};
  switch (event.type) {
    case IamEventType.UserUpdated:
    case IamEventType.UserDeleted: {
      const arn = str(p, event.type === IamEventType.UserUpdated ? 'oldArn' : 'arn');
      if (!arn || !ws.isLoaded('principal', arn)) return [];
      const user = ws.get('principal', arn);
      return [
        ...(user?.groupArns ?? []).map((id): DocRef => ({ kind: 'groupMembers', id })),
        ...(user?.accessKeyIds ?? []).map((id): DocRef => ({ kind: 'accessKey', id })),
      ];
    }
    case IamEventType.GroupUpdated:
    case IamEventType.GroupDeleted: {
      const arn = str(p, event.type === IamEventType.GroupUpdated ? 'oldArn' : 'arn');
      if (!arn || !ws.isLoaded('groupMembers', arn)) return [];
      const members = ws.get('groupMembers', arn);
      return (members?.userArns ?? []).map((id) => ({ kind: 'principal', id }));
    }
    default:
      return [];
  }
}
