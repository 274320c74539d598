/**
 * The read models the projector writes and the query service (and the HTTP edge's SigV4
 * authenticator: `accessKey`) reads.
 *
 * Shaped so that a change to a shared thing is one document write, never one per affected
 * principal: a principal document names its groups, attached policy ARNs and boundary ARN; the
 * group and the managed policy are documents of their own; the query side composes a
 * principal's effective policy set from these pieces (and caches them). Documents avoid keys
 * with `.` or `$` (policy names may contain dots), nested arrays, and anything FerretDB 1.x
 * lacks; every lookup is by `_id`.
 */
export interface InlinePolicy {
  name: string;
  /** Policy document, JSON text as stored by the write side. */
  document: string;
}

export interface Tag {
  Key: string;
  Value: string;
}

/** A user or a role (the account root has no document: it may do everything in its account). */
export interface PrincipalDocument {
  /** The principal's ARN. */
  _id: string;
  accountId: string;
  principalType: 'user' | 'role';
  name: string;
  /** AIDA… / AROA… */
  principalId: string;
  path: string;
  createDate: string;
  tags: Tag[];
  inlinePolicies: InlinePolicy[];
  /** ARNs of the managed policies attached to the principal itself, in attachment order. */
  attachedPolicyArns: string[];
  /** Users: ARNs of the groups the user is in. Roles: always empty. */
  groupArns: string[];
  /** ARN of the managed policy used as permissions boundary. */
  permissionsBoundaryArn?: string;
  /** Roles: the trust policy (JSON text) and the maximum session duration in seconds. */
  assumeRolePolicyDocument?: string;
  maxSessionDuration?: number;
  /** Roles: the description given with CreateRole / UpdateRole. */
  description?: string;
  /**
   * Users: the ids of the user's access keys, in creation order (at most 2); absent when it has
   * none. The index by which a rename or path change (UpdateUser) finds the `accessKey`
   * documents that name the user, by `_id`.
   */
  accessKeyIds?: string[];
  /** Account sequence of the last event applied to this document. */
  sequence: number;
}

export interface GroupDocument {
  /** The group's ARN. */
  _id: string;
  accountId: string;
  name: string;
  /** AGPA… */
  groupId: string;
  path: string;
  createDate: string;
  inlinePolicies: InlinePolicy[];
  attachedPolicyArns: string[];
  sequence: number;
}

/**
 * Who is in a group, kept apart from the group so that a membership change never touches the
 * group document the query side caches, and so that renaming a group can find its members by
 * `_id` (a query on `principals.groupArns` would be a full scan on FerretDB). Absent while the
 * group has no member.
 */
export interface GroupMembersDocument {
  /** The group's ARN (moves with the group on UpdateGroup). */
  _id: string;
  accountId: string;
  groupId: string;
  /** ARNs of the users in the group, in the order they joined. */
  userArns: string[];
  sequence: number;
}

export interface PolicyVersionDocument {
  versionId: string;
  document: string;
  createDate: string;
}

/**
 * A managed policy. Customer managed policies hold all their versions; an AWS managed policy
 * (`arn:aws:iam::aws:policy/…`, `accountId: 'aws'`) holds the document the events carried.
 */
export interface ManagedPolicyDocument {
  /** The policy's ARN. */
  _id: string;
  accountId: string;
  name: string;
  /** ANPA… (empty for AWS managed policies when the events do not carry it). */
  policyId: string;
  path: string;
  defaultVersionId: string;
  versions: PolicyVersionDocument[];
  /** Customer managed policies: the description given with CreatePolicy. */
  description?: string;
  /** Customer managed policies: TagPolicy / UntagPolicy (absent until tagged). */
  tags?: Tag[];
  /**
   * Customer managed policies: the account sequence of the last event applied. AWS managed
   * policies (shared by every account): the number of the default version (`v7` → 7), so it
   * grows whenever the document changes, whatever order accounts are projected in.
   */
  sequence: number;
}

/**
 * An access key, as SigV4 authentication needs it: who it belongs to, whether it is active, and
 * its secret, sealed (never in clear). A user's key names the user by ARN and name; these follow
 * the user through renames and path changes (see `PrincipalDocument.accessKeyIds`). A key of the
 * account's root user names the root (`arn:aws:iam::<account>:root`).
 */
export interface AccessKeyDocument {
  /** The access key id (`AKIA…`). */
  _id: string;
  accountId: string;
  /** The user's ARN (path included), or `arn:aws:iam::<account>:root` for a root key. */
  principalArn: string;
  /** The user's name; absent for a root key. */
  userName?: string;
  /**
   * AIDA… ; the account id for a root key. The secret's sealing is bound to
   * (userId, accessKeyId): unsealing needs both.
   */
  userId: string;
  status: 'Active' | 'Inactive';
  /** The secret access key, sealed (`v1.<keyId>.<iv>.<ct>`). */
  sealedSecretAccessKey: string;
  createDate: string;
  /** Account sequence of the last event applied to this document. */
  sequence: number;
}

/**
 * How far the projection has got on a partition of the event log: everything before
 * `nextOffset` (exclusive, decimal string) is applied or was no event (Kafka markers).
 */
export interface Checkpoint {
  partition: number;
  nextOffset: string;
}

/**
 * Contract (read-model-store.conformance.ts runs it against every adapter): documents read back
 * equal what was written; `put*` replaces by `_id`; `delete*` of a missing document is a no-op;
 * `get*Many`/plural gets answer in the order asked, null where missing; account sequences and
 * checkpoints only move forward (a lower value never overwrites a higher); `bulkWrite` applies
 * puts and deletes of any kind with the result of applying them in order (the last operation on
 * an `_id` wins), as fast as the backend allows (replay and large fan-outs). It is not atomic:
 * after a failure any subset may have been applied (writers re-apply, documents carry sequences).
 */
export interface ReadModelStore {
  getPrincipal(arn: string): Promise<PrincipalDocument | null>;
  getPrincipals(arns: readonly string[]): Promise<(PrincipalDocument | null)[]>;
  putPrincipal(doc: PrincipalDocument): Promise<void>;
  deletePrincipal(arn: string): Promise<void>;

  getGroup(arn: string): Promise<GroupDocument | null>;
  getGroups(arns: readonly string[]): Promise<(GroupDocument | null)[]>;
  putGroup(doc: GroupDocument): Promise<void>;
  deleteGroup(arn: string): Promise<void>;

  getGroupMembers(groupArn: string): Promise<GroupMembersDocument | null>;
  getGroupMembersMany(groupArns: readonly string[]): Promise<(GroupMembersDocument | null)[]>;
  putGroupMembers(doc: GroupMembersDocument): Promise<void>;
  deleteGroupMembers(groupArn: string): Promise<void>;

  getPolicy(arn: string): Promise<ManagedPolicyDocument | null>;
  getPolicies(arns: readonly string[]): Promise<(ManagedPolicyDocument | null)[]>;
  putPolicy(doc: ManagedPolicyDocument): Promise<void>;
  deletePolicy(arn: string): Promise<void>;

  getAccessKey(accessKeyId: string): Promise<AccessKeyDocument | null>;
  getAccessKeys(accessKeyIds: readonly string[]): Promise<(AccessKeyDocument | null)[]>;
  putAccessKey(doc: AccessKeyDocument): Promise<void>;
  deleteAccessKey(accessKeyId: string): Promise<void>;

  bulkWrite(ops: readonly ReadModelWrite[]): Promise<void>;

  /** Last account sequence fully applied (0 if none). */
  getAccountSequence(accountId: string): Promise<number>;
  advanceAccountSequence(accountId: string, sequence: number): Promise<void>;
  getCheckpoints(): Promise<Checkpoint[]>;
  advanceCheckpoint(checkpoint: Checkpoint): Promise<void>;
  /** Answers when the store is reachable (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The kinds of document, as `bulkWrite` names them. */
export type ReadModelKind = 'principal' | 'group' | 'groupMembers' | 'policy' | 'accessKey';

/** The document type of each kind. */
export interface ReadModelDocuments {
  principal: PrincipalDocument;
  group: GroupDocument;
  groupMembers: GroupMembersDocument;
  policy: ManagedPolicyDocument;
  accessKey: AccessKeyDocument;
}

/**
 * One write of `bulkWrite`. `created` is a hint: the writer believes no document with this `_id`
 * exists (it was absent when read, or the event creates it). An adapter may then insert, which
 * is much faster than a replace on FerretDB; should the document exist after all, the put still
 * replaces it.
 */
export type ReadModelWrite =
  | { put: 'principal'; doc: PrincipalDocument; created?: boolean }
  | { put: 'group'; doc: GroupDocument; created?: boolean }
  | { put: 'groupMembers'; doc: GroupMembersDocument; created?: boolean }
  | { put: 'policy'; doc: ManagedPolicyDocument; created?: boolean }
  | { put: 'accessKey'; doc: AccessKeyDocument; created?: boolean }
  | { delete: ReadModelKind; id: string };

export const READ_MODEL_KINDS: readonly ReadModelKind[] = [
  'principal',
  'group',
  'groupMembers',
  'policy',
  'accessKey',
];

/**
 * The writes with the same result as `ops` applied in order: the last operation on each
 * (kind, `_id`) wins (its `created` hint is harmless even if wrong: adapters fall back to a
 * replace). Adapters use it to write unordered.
 */
export function lastWritePerDocument(ops: readonly ReadModelWrite[]): ReadModelWrite[] {
  const last = new Map<string, ReadModelWrite>();
  for (const op of ops) {
    const key = 'put' in op ? `${op.put}\u0000${op.doc._id}` : `${op.delete}\u0000${op.id}`;
    last.delete(key); // keep the order of last writes
    last.set(key, op);
  }
  return [...last.values()];
}
