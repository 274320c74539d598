import {
  type AwsManagedPolicyPayload,
  type EventEnvelope,
  type IamEventPayloads,
  IamEventType,
} from '@portcullis/contracts';
import type {
  AccessKeyDocument,
  GroupDocument,
  GroupMembersDocument,
  InlinePolicy,
  ManagedPolicyDocument,
  PrincipalDocument,
  ReadModelDocuments,
  ReadModelKind,
  Tag,
} from '@portcullis/read-models';
import { InvalidEventPayloadError, UnknownEventTypeError } from './projection.errors';
import type { ProjectionWorkspace } from './projection-workspace';

/*
 * The projection: one event folded into the read-model documents of a workspace. Pure and
 * synchronous; every document it reads was loaded first (touchedIds + fanOutIds).
 *
 * Idempotent per document: each document carries the account sequence of the last event applied
 * to it, and an event at or below it leaves the document alone. So a redelivered event (or a
 * batch re-applied after a crash between the document writes and the account's sequence)
 * changes nothing, even where some of the batch's writes had landed and others had not. An
 * event whose document is missing is skipped for that document (it was deleted later in the log:
 * redelivery after the deletion landed).
 *
 * A move (UpdateUser, UpdateGroup) puts the new document and deletes the old one; the projector
 * writes deletes after puts, so until the old document is gone the move is redone in full on
 * redelivery (fan-out included, each document guarded by its own sequence).
 *
 * Access keys (`accessKey` documents, by key id, for SigV4 authentication) name their user by ARN
 * and name. So that UpdateUser can rewrite them by `_id`, never by a query, the user's principal
 * document lists its key ids (`accessKeyIds`, at most 2 keys a user): a rename or path change is
 * the principal move plus one write per key.
 */

type Event<T extends IamEventType> = EventEnvelope<IamEventPayloads[T]>;
type Handler<T extends IamEventType> = (ws: ProjectionWorkspace, e: Event<T>) => void;

// ---- payload checks: a malformed event is rejected before anything changes

function field<T>(
  e: EventEnvelope,
  name: string,
  ok: (v: unknown) => boolean,
  what: string,
  source: unknown = e.payload,
): T {
  const v = (source as Record<string, unknown> | null)?.[name];
  if (!ok(v)) throw new InvalidEventPayloadError(e.type, name, `must be ${what}`);
  return v as T;
}
const isString = (v: unknown) => typeof v === 'string';
const isNonEmpty = (v: unknown) => typeof v === 'string' && v !== '';
const isTags = (v: unknown) =>
  Array.isArray(v) &&
  v.every(
    (t) =>
      typeof t === 'object' && t !== null && isString((t as Tag).Key) && isString((t as Tag).Value),
  );

/** A string field that is required. */
const req = (e: EventEnvelope, name: string, source?: unknown): string =>
  field<string>(e, name, isNonEmpty, 'a non-empty string', source);
/** A string field that may be absent. */
const opt = (e: EventEnvelope, name: string): string | undefined =>
  field<string | undefined>(e, name, (v) => v === undefined || isString(v), 'a string if present');

/** The ARN of a document the event writes: it must belong to the event's account. */
function own(e: EventEnvelope, name: string): string {
  const arn = req(e, name);
  if (arn.split(':')[4] !== e.accountId) {
    throw new InvalidEventPayloadError(e.type, name, `is not an ARN of account ${e.accountId}`);
  }
  return arn;
}

const tags = (e: EventEnvelope): Tag[] =>
  field<Tag[]>(e, 'resultingTags', isTags, 'a list of tags').map((t) => ({
    Key: t.Key,
    Value: t.Value,
  }));

// ---- document helpers

type Doc = ReadModelDocuments[ReadModelKind];

/**
 * Applies `change` to a document unless it is missing or already past `e.sequence`. `change`
 * answers the new content (the sequence is set here), or undefined when nothing changes.
 */
function edit<K extends ReadModelKind>(
  ws: ProjectionWorkspace,
  kind: K,
  id: string,
  e: EventEnvelope,
  change: (doc: ReadModelDocuments[K]) => ReadModelDocuments[K] | undefined,
): void {
  const doc = ws.get(kind, id);
  if (!doc || doc.sequence >= e.sequence) return;
  const next = change(doc);
  if (next !== undefined) ws.put(kind, { ...next, sequence: e.sequence });
}

/** Puts a document an event creates, unless it is already there from this event or a later one. */
function create<K extends ReadModelKind>(
  ws: ProjectionWorkspace,
  kind: K,
  doc: ReadModelDocuments[K],
): void {
  const existing = ws.get(kind, doc._id) as Doc | null;
  if (existing && existing.sequence >= doc.sequence) return;
  ws.put(kind, doc);
}

/** Deletes a document unless it is missing or past the event (re-created later in the log). */
function remove(ws: ProjectionWorkspace, kind: ReadModelKind, id: string, e: EventEnvelope): void {
  const doc = ws.get(kind, id) as Doc | null;
  if (doc && doc.sequence < e.sequence) ws.delete(kind, id);
}

const withItem = (list: readonly string[], item: string): string[] | undefined =>
  list.includes(item) ? undefined : [...list, item];
const withoutItem = (list: readonly string[], item: string): string[] | undefined =>
  list.includes(item) ? list.filter((x) => x !== item) : undefined;
const replaced = (list: readonly string[], from: string, to: string): string[] | undefined =>
  list.includes(from) ? list.map((x) => (x === from ? to : x)) : undefined;

function withInline(list: readonly InlinePolicy[], name: string, document: string): InlinePolicy[] {
  const i = list.findIndex((p) => p.name === name);
  if (i < 0) return [...list, { name, document }];
  const out = [...list];
  out[i] = { name, document };
  return out;
}
const withoutInline = (list: readonly InlinePolicy[], name: string): InlinePolicy[] | undefined =>
  list.some((p) => p.name === name) ? list.filter((p) => p.name !== name) : undefined;

/** `v12` → 12; anything else → 0. */
function versionNumber(versionId: string): number {
  const m = /^v(\d+)$/.exec(versionId);
  return m ? Number(m[1]) : 0;
}

/**
 * The AWS managed policy an attachment or boundary carries, as a shared document
 * (`accountId: 'aws'`). Accounts may have seen different catalogue versions: the highest
 * default version wins, whatever order the accounts are projected in (live and replay agree).
 * Its sequence is that version's number; its version has no create date (AWS's is not in the
 * events, and the date of whichever account saw it first would depend on that order).
 */
function upsertAwsPolicy(ws: ProjectionWorkspace, e: EventEnvelope): void {
  const aws = (e.payload as { awsManagedPolicy?: AwsManagedPolicyPayload }).awsManagedPolicy;
  if (aws === undefined) return;
  const arn = req(e, 'policyArn', aws);
  if (arn.split(':')[4] !== 'aws') {
    throw new InvalidEventPayloadError(
      e.type,
      'awsManagedPolicy.policyArn',
      'is not an AWS managed policy ARN',
    );
  }
  const doc: ManagedPolicyDocument = {
    _id: arn,
    accountId: 'aws',
    name: req(e, 'policyName', aws),
    policyId: '',
    path: req(e, 'path', aws),
    defaultVersionId: req(e, 'defaultVersionId', aws),
    versions: [
      {
        versionId: req(e, 'defaultVersionId', aws),
        document: req(e, 'document', aws),
        createDate: '',
      },
    ],
    sequence: versionNumber(req(e, 'defaultVersionId', aws)),
  };
  const existing = ws.get('policy', arn);
  if (existing && existing.sequence >= doc.sequence) return;
  ws.put('policy', doc);
}

// ---- handlers, one per event type

function userCreated(ws: ProjectionWorkspace, e: Event<typeof IamEventType.UserCreated>): void {
  create(ws, 'principal', {
    _id: own(e, 'arn'),
    accountId: e.accountId,
    principalType: 'user',
    name: req(e, 'userName'),
    principalId: req(e, 'userId'),
    path: req(e, 'path'),
    createDate: req(e, 'createDate'),
    tags: [],
    inlinePolicies: [],
    attachedPolicyArns: [],
    groupArns: [],
    sequence: e.sequence,
  });
}

function userUpdated(ws: ProjectionWorkspace, e: Event<typeof IamEventType.UserUpdated>): void {
  const oldArn = own(e, 'oldArn');
  const newArn = own(e, 'newArn');
  const name = req(e, 'newUserName');
  const path = req(e, 'newPath');
  if (oldArn === newArn) {
    edit(ws, 'principal', oldArn, e, (d) => ({ ...d, name, path }));
    keysFollowUser(ws, ws.get('principal', oldArn)?.accessKeyIds, newArn, name, e);
    return;
  }
  const old = ws.get('principal', oldArn);
  if (!old || old.sequence >= e.sequence) return;
  create(ws, 'principal', { ...old, _id: newArn, name, path, sequence: e.sequence });
  ws.delete('principal', oldArn);
  for (const groupArn of old.groupArns) {
    edit(ws, 'groupMembers', groupArn, e, (m) => {
      const userArns = replaced(m.userArns, oldArn, newArn);
      return userArns && { ...m, userArns };
    });
  }
  keysFollowUser(ws, old.accessKeyIds, newArn, name, e);
}

function userDeleted(ws: ProjectionWorkspace, e: Event<typeof IamEventType.UserDeleted>): void {
  const arn = own(e, 'arn');
  const user = ws.get('principal', arn);
  if (!user || user.sequence >= e.sequence) return;
  // The write side refuses to delete a user still in a group; should one be, it leaves them.
  for (const groupArn of user.groupArns) removeMember(ws, groupArn, arn, e);
  // Likewise for access keys: a key must never authenticate a user that is gone.
  for (const accessKeyId of user.accessKeyIds ?? []) removeAccessKey(ws, accessKeyId, e);
  ws.delete('principal', arn);
}

function principalTags(arnField: string) {
  return (ws: ProjectionWorkspace, e: EventEnvelope): void => {
    const arn = own(e, arnField);
    const resulting = tags(e);
    edit(ws, 'principal', arn, e, (d) => ({ ...d, tags: resulting }));
  };
}

function groupCreated(ws: ProjectionWorkspace, e: Event<typeof IamEventType.GroupCreated>): void {
  create(ws, 'group', {
    _id: own(e, 'arn'),
    accountId: e.accountId,
    name: req(e, 'groupName'),
    groupId: req(e, 'groupId'),
    path: req(e, 'path'),
    createDate: req(e, 'createDate'),
    inlinePolicies: [],
    attachedPolicyArns: [],
    sequence: e.sequence,
  });
}

function groupUpdated(ws: ProjectionWorkspace, e: Event<typeof IamEventType.GroupUpdated>): void {
  const oldArn = own(e, 'oldArn');
  const newArn = own(e, 'newArn');
  const name = req(e, 'newGroupName');
  const path = req(e, 'newPath');
  if (oldArn === newArn) {
    edit(ws, 'group', oldArn, e, (g) => ({ ...g, name, path }));
    return;
  }
  const group = ws.get('group', oldArn);
  if (group && group.sequence < e.sequence) {
    create(ws, 'group', { ...group, _id: newArn, name, path, sequence: e.sequence });
    ws.delete('group', oldArn);
  }
  // The membership document moves on its own guard: after a partial write it may still be due.
  const members = ws.get('groupMembers', oldArn);
  if (members && members.sequence < e.sequence) {
    create(ws, 'groupMembers', { ...members, _id: newArn, sequence: e.sequence });
    ws.delete('groupMembers', oldArn);
    // The fan-out: every member names the group by ARN (bounded by the group's size).
    for (const userArn of members.userArns) {
      edit(ws, 'principal', userArn, e, (u) => {
        const groupArns = replaced(u.groupArns, oldArn, newArn);
        return groupArns && { ...u, groupArns };
      });
    }
  }
}

function groupDeleted(ws: ProjectionWorkspace, e: Event<typeof IamEventType.GroupDeleted>): void {
  const arn = own(e, 'arn');
  remove(ws, 'group', arn, e);
  // The write side refuses to delete a group with members; should it have some, they leave it.
  const members = ws.get('groupMembers', arn);
  if (members && members.sequence < e.sequence) {
    for (const userArn of members.userArns) {
      edit(ws, 'principal', userArn, e, (u) => {
        const groupArns = withoutItem(u.groupArns, arn);
        return groupArns && { ...u, groupArns };
      });
    }
    ws.delete('groupMembers', arn);
  }
}

function removeMember(
  ws: ProjectionWorkspace,
  groupArn: string,
  userArn: string,
  e: EventEnvelope,
): void {
  const members = ws.get('groupMembers', groupArn);
  if (!members || members.sequence >= e.sequence) return;
  const userArns = withoutItem(members.userArns, userArn);
  if (!userArns) return;
  if (userArns.length === 0) ws.delete('groupMembers', groupArn);
  else ws.put('groupMembers', { ...members, userArns, sequence: e.sequence });
}

function userAddedToGroup(
  ws: ProjectionWorkspace,
  e: Event<typeof IamEventType.UserAddedToGroup>,
): void {
  const groupArn = own(e, 'groupArn');
  const userArn = own(e, 'userArn');
  const groupId = req(e, 'groupId');
  edit(ws, 'principal', userArn, e, (u) => {
    const groupArns = withItem(u.groupArns, groupArn);
    return groupArns && { ...u, groupArns };
  });
  const members = ws.get('groupMembers', groupArn);
  if (!members) {
    const doc: GroupMembersDocument = {
      _id: groupArn,
      accountId: e.accountId,
      groupId,
      userArns: [userArn],
      sequence: e.sequence,
    };
    ws.put('groupMembers', doc);
  } else {
    edit(ws, 'groupMembers', groupArn, e, (m) => {
      const userArns = withItem(m.userArns, userArn);
      return userArns && { ...m, userArns };
    });
  }
}

function userRemovedFromGroup(
  ws: ProjectionWorkspace,
  e: Event<typeof IamEventType.UserRemovedFromGroup>,
): void {
  const groupArn = own(e, 'groupArn');
  const userArn = own(e, 'userArn');
  edit(ws, 'principal', userArn, e, (u) => {
    const groupArns = withoutItem(u.groupArns, groupArn);
    return groupArns && { ...u, groupArns };
  });
  removeMember(ws, groupArn, userArn, e);
}

function roleCreated(ws: ProjectionWorkspace, e: Event<typeof IamEventType.RoleCreated>): void {
  const maxSessionDuration = field<number>(
    e,
    'maxSessionDuration',
    (v) => Number.isInteger(v),
    'an integer',
  );
  const description = opt(e, 'description');
  const doc: PrincipalDocument = {
    _id: own(e, 'arn'),
    accountId: e.accountId,
    principalType: 'role',
    name: req(e, 'roleName'),
    principalId: req(e, 'roleId'),
    path: req(e, 'path'),
    createDate: req(e, 'createDate'),
    tags: [],
    inlinePolicies: [],
    attachedPolicyArns: [],
    groupArns: [],
    assumeRolePolicyDocument: req(e, 'assumeRolePolicyDocument'),
    maxSessionDuration,
    ...(description !== undefined && { description }),
    sequence: e.sequence,
  };
  create(ws, 'principal', doc);
}

function roleTrustPolicyUpdated(
  ws: ProjectionWorkspace,
  e: Event<typeof IamEventType.RoleTrustPolicyUpdated>,
): void {
  const arn = own(e, 'roleArn');
  const assumeRolePolicyDocument = req(e, 'assumeRolePolicyDocument');
  edit(ws, 'principal', arn, e, (r) => ({ ...r, assumeRolePolicyDocument }));
}

function roleUpdated(ws: ProjectionWorkspace, e: Event<typeof IamEventType.RoleUpdated>): void {
  const arn = own(e, 'roleArn');
  const maxSessionDuration = field<number>(
    e,
    'maxSessionDuration',
    (v) => Number.isInteger(v),
    'an integer',
  );
  const description = opt(e, 'description');
  edit(ws, 'principal', arn, e, (r) => {
    const { description: _previous, ...rest } = r;
    return { ...rest, maxSessionDuration, ...(description !== undefined && { description }) };
  });
}

function roleDeleted(ws: ProjectionWorkspace, e: Event<typeof IamEventType.RoleDeleted>): void {
  remove(ws, 'principal', own(e, 'arn'), e);
}

function policyCreated(ws: ProjectionWorkspace, e: Event<typeof IamEventType.PolicyCreated>): void {
  const version = field<Record<string, unknown>>(
    e,
    'version',
    (v) => typeof v === 'object' && v !== null,
    'a policy version',
  );
  const versionId = req(e, 'versionId', version);
  const description = opt(e, 'description');
  create(ws, 'policy', {
    _id: own(e, 'arn'),
    accountId: e.accountId,
    name: req(e, 'policyName'),
    policyId: req(e, 'policyId'),
    path: req(e, 'path'),
    defaultVersionId: versionId,
    versions: [
      {
        versionId,
        document: req(e, 'document', version),
        createDate: req(e, 'createDate', version),
      },
    ],
    ...(description !== undefined && { description }),
    sequence: e.sequence,
  });
}

function policyVersionCreated(
  ws: ProjectionWorkspace,
  e: Event<typeof IamEventType.PolicyVersionCreated>,
): void {
  const arn = own(e, 'policyArn');
  const version = field<Record<string, unknown>>(
    e,
    'version',
    (v) => typeof v === 'object' && v !== null,
    'a policy version',
  );
  const versionId = req(e, 'versionId', version);
  const document = req(e, 'document', version);
  const createDate = req(e, 'createDate', version);
  const isDefault = version.isDefaultVersion === true;
  edit(ws, 'policy', arn, e, (p) => ({
    ...p,
    versions: [
      ...p.versions.filter((v) => v.versionId !== versionId),
      { versionId, document, createDate },
    ],
    defaultVersionId: isDefault ? versionId : p.defaultVersionId,
  }));
}

function policyDefaultVersionSet(
  ws: ProjectionWorkspace,
  e: Event<typeof IamEventType.PolicyDefaultVersionSet>,
): void {
  const arn = own(e, 'policyArn');
  const versionId = req(e, 'versionId');
  const document = req(e, 'document');
  const updateDate = req(e, 'updateDate');
  edit(ws, 'policy', arn, e, (p) => ({
    ...p,
    defaultVersionId: versionId,
    // The event carries the new default's document: a version the projection lacks is added.
    versions: p.versions.some((v) => v.versionId === versionId)
      ? p.versions
      : [...p.versions, { versionId, document, createDate: updateDate }],
  }));
}

function policyVersionDeleted(
  ws: ProjectionWorkspace,
  e: Event<typeof IamEventType.PolicyVersionDeleted>,
): void {
  const arn = own(e, 'policyArn');
  const versionId = req(e, 'versionId');
  edit(ws, 'policy', arn, e, (p) =>
    p.versions.some((v) => v.versionId === versionId)
      ? { ...p, versions: p.versions.filter((v) => v.versionId !== versionId) }
      : undefined,
  );
}

function policyDeleted(ws: ProjectionWorkspace, e: Event<typeof IamEventType.PolicyDeleted>): void {
  remove(ws, 'policy', own(e, 'arn'), e);
}

function policyTags(ws: ProjectionWorkspace, e: EventEnvelope): void {
  const arn = own(e, 'policyArn');
  const resulting = tags(e);
  edit(ws, 'policy', arn, e, (p) => ({ ...p, tags: resulting }));
}

/** Attach/detach of a managed policy to a user, role (principal documents) or group. */
function attachment(kind: 'principal' | 'group', arnField: string, attach: boolean) {
  return (ws: ProjectionWorkspace, e: EventEnvelope): void => {
    const arn = own(e, arnField);
    const policyArn = req(e, 'policyArn');
    if (attach) upsertAwsPolicy(ws, e);
    edit(ws, kind, arn, e, ((d: PrincipalDocument | GroupDocument) => {
      const attachedPolicyArns = (attach ? withItem : withoutItem)(d.attachedPolicyArns, policyArn);
      return attachedPolicyArns && { ...d, attachedPolicyArns };
    }) as (d: PrincipalDocument | GroupDocument) => PrincipalDocument | GroupDocument | undefined);
  };
}

/** Put/delete of an inline policy of a user, role (principal documents) or group. */
function inline(kind: 'principal' | 'group', arnField: string, put: boolean) {
  return (ws: ProjectionWorkspace, e: EventEnvelope): void => {
    const arn = own(e, arnField);
    const name = req(e, 'policyName');
    const document = put ? req(e, 'policyDocument') : '';
    edit(ws, kind, arn, e, ((d: PrincipalDocument | GroupDocument) => {
      const inlinePolicies = put
        ? withInline(d.inlinePolicies, name, document)
        : withoutInline(d.inlinePolicies, name);
      return inlinePolicies && { ...d, inlinePolicies };
    }) as (d: PrincipalDocument | GroupDocument) => PrincipalDocument | GroupDocument | undefined);
  };
}

/** Put/delete of the permissions boundary of a user or role. */
function boundary(arnField: string, put: boolean) {
  return (ws: ProjectionWorkspace, e: EventEnvelope): void => {
    const arn = own(e, arnField);
    const boundaryArn = req(e, 'permissionsBoundaryArn');
    if (put) upsertAwsPolicy(ws, e);
    edit(ws, 'principal', arn, e, (d) => {
      if (put) return { ...d, permissionsBoundaryArn: boundaryArn };
      if (d.permissionsBoundaryArn === undefined) return undefined;
      const { permissionsBoundaryArn: _gone, ...rest } = d;
      return rest;
    });
  };
}

// ---- access keys (the `accessKey` documents SigV4 authentication looks keys up in)

const ACCESS_KEY_STATUSES: readonly unknown[] = ['Active', 'Inactive'];
const keyStatus = (e: EventEnvelope): AccessKeyDocument['status'] =>
  field(e, 'status', (v) => ACCESS_KEY_STATUSES.includes(v), "'Active' or 'Inactive'");

/** The root user's ARN of the event's account; the payload's `accountId` must be that account. */
function rootArn(e: EventEnvelope): string {
  if (req(e, 'accountId') !== e.accountId) {
    throw new InvalidEventPayloadError(e.type, 'accountId', `is not account ${e.accountId}`);
  }
  return `arn:aws:iam::${e.accountId}:root`;
}

/**
 * Puts the document of a new key. Key ids are global (SigV4 names no account), so a key id
 * already held by another account's key is refused (the event is parked): an account's events
 * never take over, nor change, another account's key. Write-side ids are random (80 bits), so
 * this is a broken id source, not something to resolve here.
 */
function createAccessKey(ws: ProjectionWorkspace, doc: AccessKeyDocument, e: EventEnvelope): void {
  const existing = ws.get('accessKey', doc._id);
  if (existing && existing.accountId !== e.accountId) {
    throw new InvalidEventPayloadError(
      e.type,
      'accessKeyId',
      'is the id of an access key of another account',
    );
  }
  create(ws, 'accessKey', doc);
}

/** Edits an access key of the event's account (see `edit`). */
function editAccessKey(
  ws: ProjectionWorkspace,
  accessKeyId: string,
  e: EventEnvelope,
  change: (k: AccessKeyDocument) => AccessKeyDocument | undefined,
): void {
  edit(ws, 'accessKey', accessKeyId, e, (k) =>
    k.accountId === e.accountId ? change(k) : undefined,
  );
}

/** Removes an access key of the event's account (see `remove`). */
function removeAccessKey(ws: ProjectionWorkspace, accessKeyId: string, e: EventEnvelope): void {
  if (ws.get('accessKey', accessKeyId)?.accountId === e.accountId) {
    remove(ws, 'accessKey', accessKeyId, e);
  }
}

/** UpdateUser: the user's keys name it by its new ARN and name (one write per key). */
function keysFollowUser(
  ws: ProjectionWorkspace,
  accessKeyIds: readonly string[] | undefined,
  principalArn: string,
  userName: string,
  e: EventEnvelope,
): void {
  for (const accessKeyId of accessKeyIds ?? []) {
    editAccessKey(ws, accessKeyId, e, (k) =>
      k.principalArn === principalArn && k.userName === userName
        ? undefined
        : { ...k, principalArn, userName },
    );
  }
}

/** The principal document with its key ids (the field is absent when there are none). */
function withAccessKeyIds(u: PrincipalDocument, accessKeyIds: string[]): PrincipalDocument {
  const { accessKeyIds: _previous, ...rest } = u;
  return accessKeyIds.length > 0 ? { ...rest, accessKeyIds } : rest;
}

function accessKeyCreated(
  ws: ProjectionWorkspace,
  e: Event<typeof IamEventType.AccessKeyCreated>,
): void {
  const userArn = own(e, 'userArn');
  const accessKeyId = req(e, 'accessKeyId');
  createAccessKey(
    ws,
    {
      _id: accessKeyId,
      accountId: e.accountId,
      principalArn: userArn,
      userName: req(e, 'userName'),
      userId: req(e, 'userId'),
      status: keyStatus(e),
      sealedSecretAccessKey: req(e, 'sealedSecretAccessKey'),
      createDate: req(e, 'createDate'),
      sequence: e.sequence,
    },
    e,
  );
  edit(ws, 'principal', userArn, e, (u) => {
    const accessKeyIds = withItem(u.accessKeyIds ?? [], accessKeyId);
    return accessKeyIds && withAccessKeyIds(u, accessKeyIds);
  });
}

function accessKeyUpdated(
  ws: ProjectionWorkspace,
  e: Event<typeof IamEventType.AccessKeyUpdated | typeof IamEventType.RootAccessKeyUpdated>,
): void {
  if (e.type === IamEventType.RootAccessKeyUpdated) rootArn(e);
  const status = keyStatus(e);
  editAccessKey(ws, req(e, 'accessKeyId'), e, (k) =>
    k.status === status ? undefined : { ...k, status },
  );
}

function accessKeyDeleted(
  ws: ProjectionWorkspace,
  e: Event<typeof IamEventType.AccessKeyDeleted>,
): void {
  const userArn = own(e, 'userArn');
  const accessKeyId = req(e, 'accessKeyId');
  removeAccessKey(ws, accessKeyId, e);
  edit(ws, 'principal', userArn, e, (u) => {
    const accessKeyIds = withoutItem(u.accessKeyIds ?? [], accessKeyId);
    return accessKeyIds && withAccessKeyIds(u, accessKeyIds);
  });
}

function rootAccessKeyCreated(
  ws: ProjectionWorkspace,
  e: Event<typeof IamEventType.RootAccessKeyCreated>,
): void {
  const principalArn = rootArn(e);
  createAccessKey(
    ws,
    {
      _id: req(e, 'accessKeyId'),
      accountId: e.accountId,
      principalArn,
      // The root has no user id: its secret is sealed and bound to the account id.
      userId: e.accountId,
      status: keyStatus(e),
      sealedSecretAccessKey: req(e, 'sealedSecretAccessKey'),
      createDate: req(e, 'createDate'),
      sequence: e.sequence,
    },
    e,
  );
}

function rootAccessKeyDeleted(
  ws: ProjectionWorkspace,
  e: Event<typeof IamEventType.RootAccessKeyDeleted>,
): void {
  rootArn(e);
  removeAccessKey(ws, req(e, 'accessKeyId'), e);
}

/**
 * The other credential events (login profiles, the password policy, MFA devices) change no read
 * model: the documents here answer authorization checks and access-key authentication, which
 * these do not enter. They are applied (not poison: the account's sequence advances past them)
 * and write nothing. Their payloads hold only sealed secrets and password hashes, never
 * plaintext.
 */
const noReadModel = (): void => {};

const HANDLERS: { [T in IamEventType]: Handler<T> } = {
  [IamEventType.AccountCreated]: () => {
    // The account has no document: its root may do everything in it, and the account's
    // sequence (advanced for every event) is all the projection keeps of it.
  },

  [IamEventType.UserCreated]: userCreated,
  [IamEventType.UserUpdated]: userUpdated,
  [IamEventType.UserDeleted]: userDeleted,
  [IamEventType.UserTagged]: principalTags('userArn'),
  [IamEventType.UserUntagged]: principalTags('userArn'),

  [IamEventType.GroupCreated]: groupCreated,
  [IamEventType.GroupUpdated]: groupUpdated,
  [IamEventType.GroupDeleted]: groupDeleted,
  [IamEventType.UserAddedToGroup]: userAddedToGroup,
  [IamEventType.UserRemovedFromGroup]: userRemovedFromGroup,

  [IamEventType.RoleCreated]: roleCreated,
  [IamEventType.RoleTrustPolicyUpdated]: roleTrustPolicyUpdated,
  [IamEventType.RoleUpdated]: roleUpdated,
  [IamEventType.RoleDeleted]: roleDeleted,
  [IamEventType.RoleTagged]: principalTags('roleArn'),
  [IamEventType.RoleUntagged]: principalTags('roleArn'),

  [IamEventType.PolicyCreated]: policyCreated,
  [IamEventType.PolicyVersionCreated]: policyVersionCreated,
  [IamEventType.PolicyDefaultVersionSet]: policyDefaultVersionSet,
  [IamEventType.PolicyVersionDeleted]: policyVersionDeleted,
  [IamEventType.PolicyDeleted]: policyDeleted,
  [IamEventType.PolicyTagged]: policyTags,
  [IamEventType.PolicyUntagged]: policyTags,

  [IamEventType.UserPolicyAttached]: attachment('principal', 'userArn', true),
  [IamEventType.UserPolicyDetached]: attachment('principal', 'userArn', false),
  [IamEventType.GroupPolicyAttached]: attachment('group', 'groupArn', true),
  [IamEventType.GroupPolicyDetached]: attachment('group', 'groupArn', false),
  [IamEventType.RolePolicyAttached]: attachment('principal', 'roleArn', true),
  [IamEventType.RolePolicyDetached]: attachment('principal', 'roleArn', false),

  [IamEventType.UserPolicyPut]: inline('principal', 'userArn', true),
  [IamEventType.UserPolicyDeleted]: inline('principal', 'userArn', false),
  [IamEventType.GroupPolicyPut]: inline('group', 'groupArn', true),
  [IamEventType.GroupPolicyDeleted]: inline('group', 'groupArn', false),
  [IamEventType.RolePolicyPut]: inline('principal', 'roleArn', true),
  [IamEventType.RolePolicyDeleted]: inline('principal', 'roleArn', false),

  [IamEventType.UserPermissionsBoundaryPut]: boundary('userArn', true),
  [IamEventType.UserPermissionsBoundaryDeleted]: boundary('userArn', false),
  [IamEventType.RolePermissionsBoundaryPut]: boundary('roleArn', true),
  [IamEventType.RolePermissionsBoundaryDeleted]: boundary('roleArn', false),

  [IamEventType.AccessKeyCreated]: accessKeyCreated,
  [IamEventType.AccessKeyUpdated]: accessKeyUpdated,
  [IamEventType.AccessKeyDeleted]: accessKeyDeleted,
  [IamEventType.RootAccessKeyCreated]: rootAccessKeyCreated,
  [IamEventType.RootAccessKeyUpdated]: accessKeyUpdated,
  [IamEventType.RootAccessKeyDeleted]: rootAccessKeyDeleted,
  // Last use is the command side's (GetAccessKeyLastUsed): no read model.
  [IamEventType.AccessKeyUsed]: noReadModel,
  [IamEventType.LoginProfileCreated]: noReadModel,
  [IamEventType.LoginProfileUpdated]: noReadModel,
  [IamEventType.LoginProfileDeleted]: noReadModel,
  [IamEventType.UserPasswordChanged]: noReadModel,
  [IamEventType.AccountPasswordPolicyUpdated]: noReadModel,
  [IamEventType.AccountPasswordPolicyDeleted]: noReadModel,
  [IamEventType.VirtualMfaDeviceCreated]: noReadModel,
  [IamEventType.MfaDeviceEnabled]: noReadModel,
  [IamEventType.MfaDeviceResynced]: noReadModel,
  [IamEventType.MfaDeviceDeactivated]: noReadModel,
  [IamEventType.VirtualMfaDeviceDeleted]: noReadModel,
  [IamEventType.MfaCodeUsed]: noReadModel,
  [IamEventType.SignInLockedOut]: noReadModel,
};

/** Whether `applyEvent` knows this event type. */
export function isProjectedEventType(type: string): type is IamEventType {
  return Object.hasOwn(HANDLERS, type);
}

/**
 * Folds one event into the workspace. Throws `UnknownEventTypeError` or
 * `InvalidEventPayloadError` (a poison event: park it, go on), or `DocumentNotLoadedError` (the
 * caller did not load `touchedIds`/`fanOutIds`). Not atomic by itself: wrap it in
 * `ws.begin()`/`commit()`/`rollback()` (as `applyEventAtomically` does) to undo a half-applied
 * event.
 */
export function applyEvent(ws: ProjectionWorkspace, event: EventEnvelope): void {
  if (!isProjectedEventType(event.type)) throw new UnknownEventTypeError(event.type);
  if (typeof event.payload !== 'object' || event.payload === null) {
    throw new InvalidEventPayloadError(event.type, '', 'must be an object');
  }
  (HANDLERS[event.type] as Handler<IamEventType>)(ws, event as Event<IamEventType>);
}

/** `applyEvent`, all or nothing: on a throw the workspace is as before, and the error rethrown. */
export function applyEventAtomically(ws: ProjectionWorkspace, event: EventEnvelope): void {
  ws.begin();
  try {
    applyEvent(ws, event);
    ws.commit();
  } catch (error) {
    ws.rollback();
    throw error;
  }
}
