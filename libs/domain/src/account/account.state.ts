import type {
  AccessKeyStatus,
  AwsManagedPolicyPayload,
  IamEventPayloads,
  IamEventType,
  PasswordPolicyPayload,
} from '@portcullis/contracts';
import type { TagSet } from './tags';

/**
 * The account's state, changed only by the event handlers (`*.handlers.ts`). Entities are keyed
 * internally by the sequence of the event that created them: names change (UpdateUser) and
 * AWS-style ids are random, so neither is a safe key for memberships and attachments.
 */

export interface InlinePolicy {
  policyName: string;
  document: string;
}

interface EntityBase {
  /** Internal key: the sequence of the creating event, as text. Never shown. */
  readonly key: string;
  name: string;
  readonly id: string;
  path: string;
  arn: string;
  readonly createDate: string;
  /** Attached managed policies (canonical ARNs), in the order attached. */
  readonly attached: Set<string>;
  /** Inline policies by lower-cased name. */
  readonly inline: Map<string, InlinePolicy>;
  readonly tags: TagSet;
}

export interface UserState extends EntityBase {
  readonly type: 'user';
  /** Keys of the groups the user is in, in the order joined. */
  readonly groups: Set<string>;
  boundary?: string;
  /** Access keys by id, in creation order. */
  readonly accessKeys: Map<string, AccessKeyState>;
  loginProfile?: LoginProfileState;
  /**
   * Hashes of the user's passwords, newest first (the current one included), at most
   * PASSWORD_HISTORY_LENGTH: what PasswordReusePrevention checks against. Kept when the login
   * profile is deleted, so deleting and re-creating it does not launder a reused password.
   */
  readonly passwordHistory: string[];
  /** Serial numbers of the MFA devices enabled for the user, in the order enabled. */
  readonly mfaDevices: Set<string>;
}

/** AWS's largest PasswordReusePrevention. */
export const PASSWORD_HISTORY_LENGTH = 24;

export interface AccessKeyState {
  readonly accessKeyId: string;
  status: AccessKeyStatus;
  readonly createDate: string;
  /** Sealed by the application layer; the domain never opens it. */
  readonly sealedSecretAccessKey: string;
  /** Its latest recorded use (`iam.access-key-used.v1`); absent: never used. */
  lastUsed?: AccessKeyLastUsedState;
}

/** When (to the minute), for which service and in which region a key last authenticated. */
export interface AccessKeyLastUsedState {
  readonly date: string;
  readonly serviceName: string;
  readonly region: string;
}

export interface LoginProfileState {
  readonly createDate: string;
  passwordResetRequired: boolean;
  /** scrypt PHC string. */
  passwordHash: string;
  passwordChangedAt: string;
}

export interface VirtualMfaDeviceState {
  readonly serialNumber: string;
  readonly name: string;
  readonly path: string;
  /** Sealed base32 seed; the domain never opens it. */
  readonly sealedSeed: string;
  readonly createDate: string;
  readonly tags: TagSet;
  /** Key of the user it is enabled for, if any. */
  userKey?: string;
  enableDate?: string;
  /** TOTP step of the last code accepted (enable, resync): replayed codes are refused. */
  lastUsedStep?: number;
}

export interface GroupState extends EntityBase {
  readonly type: 'group';
  /** Keys of the member users, in the order added. */
  readonly members: Set<string>;
}

export interface RoleState extends EntityBase {
  readonly type: 'role';
  trustPolicy: string;
  description?: string;
  maxSessionDuration: number;
  boundary?: string;
}

export type EntityState = UserState | GroupState | RoleState;

export interface PolicyVersionState {
  readonly versionId: string;
  readonly document: string;
  readonly createDate: string;
}

export interface ManagedPolicyState {
  readonly policyName: string;
  readonly policyId: string;
  readonly path: string;
  readonly arn: string;
  readonly description?: string;
  readonly createDate: string;
  updateDate: string;
  defaultVersionId: string;
  /** By version id, in creation order. */
  readonly versions: Map<string, PolicyVersionState>;
  /** Version ids are never reused: the next one is `v${nextVersion}`. */
  nextVersion: number;
  readonly tags: TagSet;
}

/** Who uses a managed policy (customer or AWS): entity keys. */
export interface PolicyUsage {
  readonly attached: Set<string>;
  readonly boundaryOf: Set<string>;
}

/** Users, groups or roles: by internal key, with a case-insensitive name index. */
export class EntityTable<T extends EntityState> {
  private readonly byKey = new Map<string, T>();
  private readonly byName = new Map<string, string>();

  find(name: string): T | undefined {
    const key = this.byName.get(name.toLowerCase());
    return key === undefined ? undefined : this.byKey.get(key);
  }

  get(key: string): T | undefined {
    return this.byKey.get(key);
  }

  add(entity: T): void {
    this.byKey.set(entity.key, entity);
    this.byName.set(entity.name.toLowerCase(), entity.key);
  }

  rename(entity: T, newName: string): void {
    this.byName.delete(entity.name.toLowerCase());
    entity.name = newName;
    this.byName.set(newName.toLowerCase(), entity.key);
  }

  remove(entity: T): void {
    this.byKey.delete(entity.key);
    this.byName.delete(entity.name.toLowerCase());
  }

  values(): IterableIterator<T> {
    return this.byKey.values();
  }

  get size(): number {
    return this.byKey.size;
  }
}

export class AccountState {
  account?: { accountName: string; createDate: string };
  readonly users = new EntityTable<UserState>();
  readonly groups = new EntityTable<GroupState>();
  readonly roles = new EntityTable<RoleState>();
  /** Customer managed policies by lower-cased name. */
  readonly policies = new Map<string, ManagedPolicyState>();
  /** AWS managed policies as recorded by the events that attached them, by ARN. */
  readonly awsPolicies = new Map<string, AwsManagedPolicyPayload>();
  /** Managed policy ARN → the entities using it. */
  readonly usage = new Map<string, PolicyUsage>();
  /** Access key id → key of the user that owns it (ids are unique in the account). */
  readonly accessKeyOwners = new Map<string, string>();
  /** The root user's access keys by id, in creation order. */
  readonly rootAccessKeys = new Map<string, AccessKeyState>();
  /** Virtual MFA devices by serial number, in creation order. */
  readonly virtualMfaDevices = new Map<string, VirtualMfaDeviceState>();
  /** The custom password policy; absent = AWS's default rules (GetAccountPasswordPolicy: NoSuchEntity). */
  passwordPolicy?: PasswordPolicyPayload;

  constructor(readonly accountId: string) {}

  entity(key: string): EntityState | undefined {
    return this.users.get(key) ?? this.groups.get(key) ?? this.roles.get(key);
  }

  usageOf(policyArn: string): PolicyUsage {
    let usage = this.usage.get(policyArn);
    if (!usage) {
      usage = { attached: new Set(), boundaryOf: new Set() };
      this.usage.set(policyArn, usage);
    }
    return usage;
  }

  /** Drops empty usage records (and the copy of an AWS policy no longer used). */
  pruneUsage(policyArn: string): void {
    const usage = this.usage.get(policyArn);
    if (usage && usage.attached.size === 0 && usage.boundaryOf.size === 0) {
      this.usage.delete(policyArn);
      this.awsPolicies.delete(policyArn);
    }
  }
}

/** One handler per event type: the only code that changes state, live and in replay. */
export type EventHandler<T extends IamEventType> = (
  state: AccountState,
  payload: IamEventPayloads[T],
  sequence: number,
) => void;

export type EventHandlers = { [T in IamEventType]: EventHandler<T> };

/** Handlers one module contributes (the aggregate checks that together they cover every type). */
export type SomeEventHandlers<K extends IamEventType> = { [T in K]: EventHandler<T> };

/** An entity an event names: it exists, or the log is broken. */
export function mustFind<T>(entity: T | undefined, name: string): T {
  if (entity === undefined) throw new Error(`event names unknown entity ${name}`);
  return entity;
}
