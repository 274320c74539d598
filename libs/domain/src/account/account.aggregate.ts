import { IamEventPayloads, IamEventType, type AccessKeyStatus } from '@portcullis/contracts';
import {
  createAccount,
  type CreateAccountInput,
} from './account-creation/account-creation.commands';
import { accountCreationHandlers } from './account-creation/account-creation.handlers';
import {
  createAccessKey,
  deleteAccessKey,
  recordAccessKeyUsage,
  updateAccessKey,
  type CreateAccessKeyInput,
  type DeleteAccessKeyInput,
  type RecordAccessKeyUsageInput,
  type UpdateAccessKeyInput,
} from './access-keys/access-key.commands';
import { accessKeyHandlers } from './access-keys/access-key.handlers';
import {
  createRootAccessKey,
  deleteRootAccessKey,
  updateRootAccessKey,
  type CreateRootAccessKeyInput,
} from './access-keys/root-access-key.commands';
import { rootAccessKeyHandlers } from './access-keys/root-access-key.handlers';
import { DEFAULT_ACCOUNT_LIMITS, type AccountLimits } from './account.limits';
import { AccountState, type EventHandler, type EventHandlers } from './account.state';
import {
  attachGroupPolicy,
  attachRolePolicy,
  attachUserPolicy,
  detachGroupPolicy,
  detachRolePolicy,
  detachUserPolicy,
  type AttachGroupPolicyInput,
  type AttachRolePolicyInput,
  type AttachUserPolicyInput,
  type DetachGroupPolicyInput,
  type DetachRolePolicyInput,
  type DetachUserPolicyInput,
} from './attachments/attachment.commands';
import { attachmentHandlers } from './attachments/attachment.handlers';
import { NO_AWS_MANAGED_POLICIES, type AwsManagedPolicyCatalog } from './aws-managed-policies';
import {
  deleteRolePermissionsBoundary,
  deleteUserPermissionsBoundary,
  putRolePermissionsBoundary,
  putUserPermissionsBoundary,
  type DeleteRolePermissionsBoundaryInput,
  type DeleteUserPermissionsBoundaryInput,
  type PutRolePermissionsBoundaryInput,
  type PutUserPermissionsBoundaryInput,
} from './boundaries/boundary.commands';
import { boundaryHandlers } from './boundaries/boundary.handlers';
import {
  addUserToGroup,
  createGroup,
  deleteGroup,
  removeUserFromGroup,
  updateGroup,
  type CreateGroupInput,
  type DeleteGroupInput,
  type GroupMembershipInput,
  type UpdateGroupInput,
} from './groups/group.commands';
import { groupHandlers } from './groups/group.handlers';
import { generateAccountId, type RandomSource } from './ids';
import {
  deleteGroupPolicy,
  deleteRolePolicy,
  deleteUserPolicy,
  putGroupPolicy,
  putRolePolicy,
  putUserPolicy,
  type DeleteGroupPolicyInput,
  type DeleteRolePolicyInput,
  type DeleteUserPolicyInput,
  type PutGroupPolicyInput,
  type PutRolePolicyInput,
  type PutUserPolicyInput,
} from './inline-policies/inline-policy.commands';
import { inlinePolicyHandlers } from './inline-policies/inline-policy.handlers';
import {
  createPolicy,
  createPolicyVersion,
  deletePolicy,
  deletePolicyVersion,
  setDefaultPolicyVersion,
  tagPolicy,
  untagPolicy,
  type CreatePolicyInput,
  type CreatePolicyVersionInput,
  type DeletePolicyInput,
  type PolicyVersionInput,
  type SetDefaultPolicyVersionInput,
  type TagPolicyInput,
  type UntagPolicyInput,
} from './managed-policies/managed-policy.commands';
import { managedPolicyHandlers } from './managed-policies/managed-policy.handlers';
import {
  changePassword,
  createLoginProfile,
  deleteLoginProfile,
  passwordChangeContext,
  updateLoginProfile,
  type ChangePasswordInput,
  type CreateLoginProfileInput,
  type DeleteLoginProfileInput,
  type PasswordChangeContext,
  type PasswordChangeKind,
  type UpdateLoginProfileInput,
} from './login-profiles/login-profile.commands';
import { loginProfileHandlers } from './login-profiles/login-profile.handlers';
import {
  createVirtualMfaDevice,
  deactivateMfaDevice,
  deleteVirtualMfaDevice,
  enableMfaDevice,
  recordSignInLockout,
  resyncMfaDevice,
  useMfaCode,
  type UseMfaCodeInput,
  type CreateVirtualMfaDeviceInput,
  type DeactivateMfaDeviceInput,
  type DeleteVirtualMfaDeviceInput,
  type EnableMfaDeviceInput,
  type ResyncMfaDeviceInput,
} from './mfa-devices/mfa-device.commands';
import { mfaDeviceHandlers } from './mfa-devices/mfa-device.handlers';
import {
  deleteAccountPasswordPolicy,
  updateAccountPasswordPolicy,
  type UpdateAccountPasswordPolicyInput,
} from './password-policy/password-policy.commands';
import { passwordPolicyHandlers } from './password-policy/password-policy.handlers';
import { CredentialQueries } from './queries/credential.queries';
import type {
  AccessKeyLastUsedView,
  AccessKeyView,
  LoginProfileView,
  MfaAssignmentStatus,
  MfaDeviceView,
  PasswordPolicyView,
  VirtualMfaDeviceView,
} from './queries/credential.views';
import { AccountQueries } from './queries/account.queries';
import type {
  AccountView,
  AttachedPolicyView,
  GroupView,
  GroupWithUsersView,
  InlinePolicyView,
  ListPoliciesOptions,
  ManagedPolicyView,
  PathPrefixOptions,
  PolicyEntitiesView,
  PolicyVersionView,
  PrincipalPoliciesView,
  RoleView,
  UserView,
} from './queries/views';
import {
  createRole,
  deleteRole,
  tagRole,
  untagRole,
  updateAssumeRolePolicy,
  updateRole,
  type CreateRoleInput,
  type DeleteRoleInput,
  type TagRoleInput,
  type UntagRoleInput,
  type UpdateAssumeRolePolicyInput,
  type UpdateRoleInput,
} from './roles/role.commands';
import { roleHandlers } from './roles/role.handlers';
import type { AccountEvent, CommandContext } from './shared/command-context';
import {
  createUser,
  deleteUser,
  tagUser,
  untagUser,
  updateUser,
  type CreateUserInput,
  type DeleteUserInput,
  type TagUserInput,
  type UntagUserInput,
  type UpdateUserInput,
} from './users/user.commands';
import { userHandlers } from './users/user.handlers';

export type { AccountEvent } from './shared/command-context';

/** One handler per event type; the type checker insists on all of them. */
const HANDLERS: EventHandlers = {
  ...accountCreationHandlers,
  ...userHandlers,
  ...groupHandlers,
  ...roleHandlers,
  ...managedPolicyHandlers,
  ...attachmentHandlers,
  ...inlinePolicyHandlers,
  ...boundaryHandlers,
  ...accessKeyHandlers,
  ...rootAccessKeyHandlers,
  ...loginProfileHandlers,
  ...passwordPolicyHandlers,
  ...mfaDeviceHandlers,
};

export interface AccountOptions {
  /** Defaults to AWS's quotas (DEFAULT_ACCOUNT_LIMITS). */
  limits?: AccountLimits;
  /** The AWS managed policies attachable in the account; none unless injected. */
  awsManagedPolicies?: AwsManagedPolicyCatalog;
}

/** What a command raised, in order; empty when it changed nothing (e.g. an attachment again). */
export type RaisedEvents = readonly AccountEvent[];

/**
 * One IAM account: the consistency boundary. Every invariant (unique names, limits, delete
 * conflicts) is checked here, against state that only `apply` changes, so live commands and
 * replay from the log go through the same code. Commands check everything first and then raise
 * events through `raise`, which applies them at once: a command cannot forget to apply what it
 * emits, and a rejected command (an IamError) raises nothing.
 *
 * Commands are named after the AWS actions; each returns the events it raised (createUser and
 * putUserPolicy, the first two, return their main event). The read API answers frozen snapshots.
 */
export class Account {
  private version = 0;
  private pending: AccountEvent[] = [];
  private readonly state: AccountState;
  private readonly context: CommandContext;
  private readonly queries: AccountQueries;
  private readonly credentials: CredentialQueries;
  readonly limits: AccountLimits;
  readonly awsManagedPolicies: AwsManagedPolicyCatalog;

  private constructor(
    readonly accountId: string,
    options: AccountOptions,
  ) {
    this.limits = options.limits ?? DEFAULT_ACCOUNT_LIMITS;
    this.awsManagedPolicies = options.awsManagedPolicies ?? NO_AWS_MANAGED_POLICIES;
    this.state = new AccountState(accountId);
    this.context = {
      state: this.state,
      limits: this.limits,
      awsManagedPolicies: this.awsManagedPolicies,
      raise: (type, payload) => this.raise(type, payload),
    };
    this.queries = new AccountQueries(this.state, this.awsManagedPolicies);
    this.credentials = new CredentialQueries(this.state);
  }

  static create(accountId: string, options: AccountOptions = {}): Account {
    return new Account(accountId, options);
  }

  static fromHistory(
    accountId: string,
    history: Iterable<AccountEvent>,
    options: AccountOptions = {},
  ): Account {
    const account = new Account(accountId, options);
    for (const event of history) account.apply(event);
    return account;
  }

  /** A new 12-digit account id (CreateAccount chooses it before the account exists). */
  static generateAccountId(random: RandomSource): string {
    return generateAccountId(random);
  }

  /** Sequence of the last event applied (0 for an account with no history). */
  get sequence(): number {
    return this.version;
  }

  /** Events raised since the last `takePending`, in order. */
  takePending(): AccountEvent[] {
    const out = this.pending;
    this.pending = [];
    return out;
  }

  /** Applies one event: the only place state changes, for live commands and replay alike. */
  apply(event: AccountEvent): void {
    if (event.sequence !== this.version + 1) {
      throw new Error(
        `Account ${this.accountId}: event sequence ${event.sequence} does not follow ${this.version}`,
      );
    }
    if (!Object.hasOwn(HANDLERS, event.type)) {
      throw new Error(`Account ${this.accountId}: unknown event type ${String(event.type)}`);
    }
    const handler = HANDLERS[event.type] as EventHandler<IamEventType>;
    handler(this.state, event.payload, event.sequence);
    this.version = event.sequence;
  }

  private raise<T extends IamEventType>(type: T, payload: IamEventPayloads[T]): AccountEvent<T> {
    const event: AccountEvent<T> = { type, sequence: this.version + 1, payload };
    this.apply(event);
    this.pending.push(event);
    return event;
  }

  /** Runs a command and answers the events it raised. */
  private run(command: (ctx: CommandContext) => void): RaisedEvents {
    const from = this.pending.length;
    command(this.context);
    return this.pending.slice(from);
  }

  // ---- account

  /** CreateAccount: `iam.account-created.v1` on an account with no history. */
  createAccount(input: CreateAccountInput): RaisedEvents {
    return this.run((ctx) => createAccount(ctx, input, this.version));
  }

  // ---- users

  /**
   * CreateUser. Returns the `iam.user-created.v1` event; the `iam.user-tagged.v1` and
   * `iam.user-permissions-boundary-put.v1` events raised with it (for Tags and a
   * PermissionsBoundary) follow it in `takePending()`.
   */
  createUser(input: CreateUserInput): AccountEvent<typeof IamEventType.UserCreated> {
    let created: AccountEvent<typeof IamEventType.UserCreated> | undefined;
    this.run((ctx) => {
      created = createUser(ctx, input);
    });
    return created!;
  }

  updateUser(input: UpdateUserInput): RaisedEvents {
    return this.run((ctx) => updateUser(ctx, input));
  }

  deleteUser(input: DeleteUserInput): RaisedEvents {
    return this.run((ctx) => deleteUser(ctx, input));
  }

  tagUser(input: TagUserInput): RaisedEvents {
    return this.run((ctx) => tagUser(ctx, input));
  }

  untagUser(input: UntagUserInput): RaisedEvents {
    return this.run((ctx) => untagUser(ctx, input));
  }

  // ---- groups

  createGroup(input: CreateGroupInput): RaisedEvents {
    return this.run((ctx) => createGroup(ctx, input));
  }

  updateGroup(input: UpdateGroupInput): RaisedEvents {
    return this.run((ctx) => updateGroup(ctx, input));
  }

  deleteGroup(input: DeleteGroupInput): RaisedEvents {
    return this.run((ctx) => deleteGroup(ctx, input));
  }

  addUserToGroup(input: GroupMembershipInput): RaisedEvents {
    return this.run((ctx) => addUserToGroup(ctx, input));
  }

  removeUserFromGroup(input: GroupMembershipInput): RaisedEvents {
    return this.run((ctx) => removeUserFromGroup(ctx, input));
  }

  // ---- roles

  createRole(input: CreateRoleInput): RaisedEvents {
    return this.run((ctx) => createRole(ctx, input));
  }

  updateAssumeRolePolicy(input: UpdateAssumeRolePolicyInput): RaisedEvents {
    return this.run((ctx) => updateAssumeRolePolicy(ctx, input));
  }

  updateRole(input: UpdateRoleInput): RaisedEvents {
    return this.run((ctx) => updateRole(ctx, input));
  }

  deleteRole(input: DeleteRoleInput): RaisedEvents {
    return this.run((ctx) => deleteRole(ctx, input));
  }

  tagRole(input: TagRoleInput): RaisedEvents {
    return this.run((ctx) => tagRole(ctx, input));
  }

  untagRole(input: UntagRoleInput): RaisedEvents {
    return this.run((ctx) => untagRole(ctx, input));
  }

  // ---- managed policies

  createPolicy(input: CreatePolicyInput): RaisedEvents {
    return this.run((ctx) => createPolicy(ctx, input));
  }

  createPolicyVersion(input: CreatePolicyVersionInput): RaisedEvents {
    return this.run((ctx) => createPolicyVersion(ctx, input));
  }

  setDefaultPolicyVersion(input: SetDefaultPolicyVersionInput): RaisedEvents {
    return this.run((ctx) => setDefaultPolicyVersion(ctx, input));
  }

  deletePolicyVersion(input: PolicyVersionInput): RaisedEvents {
    return this.run((ctx) => deletePolicyVersion(ctx, input));
  }

  deletePolicy(input: DeletePolicyInput): RaisedEvents {
    return this.run((ctx) => deletePolicy(ctx, input));
  }

  tagPolicy(input: TagPolicyInput): RaisedEvents {
    return this.run((ctx) => tagPolicy(ctx, input));
  }

  untagPolicy(input: UntagPolicyInput): RaisedEvents {
    return this.run((ctx) => untagPolicy(ctx, input));
  }

  // ---- attachments

  attachUserPolicy(input: AttachUserPolicyInput): RaisedEvents {
    return this.run((ctx) => attachUserPolicy(ctx, input));
  }

  detachUserPolicy(input: DetachUserPolicyInput): RaisedEvents {
    return this.run((ctx) => detachUserPolicy(ctx, input));
  }

  attachGroupPolicy(input: AttachGroupPolicyInput): RaisedEvents {
    return this.run((ctx) => attachGroupPolicy(ctx, input));
  }

  detachGroupPolicy(input: DetachGroupPolicyInput): RaisedEvents {
    return this.run((ctx) => detachGroupPolicy(ctx, input));
  }

  attachRolePolicy(input: AttachRolePolicyInput): RaisedEvents {
    return this.run((ctx) => attachRolePolicy(ctx, input));
  }

  detachRolePolicy(input: DetachRolePolicyInput): RaisedEvents {
    return this.run((ctx) => detachRolePolicy(ctx, input));
  }

  // ---- inline policies

  /** PutUserPolicy. Returns its `iam.user-policy-put.v1` event. */
  putUserPolicy(input: PutUserPolicyInput): AccountEvent<typeof IamEventType.UserPolicyPut> {
    let put: AccountEvent<typeof IamEventType.UserPolicyPut> | undefined;
    this.run((ctx) => {
      put = putUserPolicy(ctx, input);
    });
    return put!;
  }

  deleteUserPolicy(input: DeleteUserPolicyInput): RaisedEvents {
    return this.run((ctx) => deleteUserPolicy(ctx, input));
  }

  putGroupPolicy(input: PutGroupPolicyInput): RaisedEvents {
    return this.run((ctx) => putGroupPolicy(ctx, input));
  }

  deleteGroupPolicy(input: DeleteGroupPolicyInput): RaisedEvents {
    return this.run((ctx) => deleteGroupPolicy(ctx, input));
  }

  putRolePolicy(input: PutRolePolicyInput): RaisedEvents {
    return this.run((ctx) => putRolePolicy(ctx, input));
  }

  deleteRolePolicy(input: DeleteRolePolicyInput): RaisedEvents {
    return this.run((ctx) => deleteRolePolicy(ctx, input));
  }

  // ---- permissions boundaries

  putUserPermissionsBoundary(input: PutUserPermissionsBoundaryInput): RaisedEvents {
    return this.run((ctx) => putUserPermissionsBoundary(ctx, input));
  }

  deleteUserPermissionsBoundary(input: DeleteUserPermissionsBoundaryInput): RaisedEvents {
    return this.run((ctx) => deleteUserPermissionsBoundary(ctx, input));
  }

  putRolePermissionsBoundary(input: PutRolePermissionsBoundaryInput): RaisedEvents {
    return this.run((ctx) => putRolePermissionsBoundary(ctx, input));
  }

  deleteRolePermissionsBoundary(input: DeleteRolePermissionsBoundaryInput): RaisedEvents {
    return this.run((ctx) => deleteRolePermissionsBoundary(ctx, input));
  }

  // ---- access keys

  createAccessKey(input: CreateAccessKeyInput): RaisedEvents {
    return this.run((ctx) => createAccessKey(ctx, input));
  }

  updateAccessKey(input: UpdateAccessKeyInput): RaisedEvents {
    return this.run((ctx) => updateAccessKey(ctx, input));
  }

  deleteAccessKey(input: DeleteAccessKeyInput): RaisedEvents {
    return this.run((ctx) => deleteAccessKey(ctx, input));
  }

  /**
   * Uses of access keys (a user's or the root's) the edge saw: `iam.access-key-used.v1` for each
   * one later than recorded; keys gone meanwhile are skipped.
   */
  recordAccessKeyUsage(input: RecordAccessKeyUsageInput): RaisedEvents {
    return this.run((ctx) => recordAccessKeyUsage(ctx, input));
  }

  // ---- the root user's access keys

  createRootAccessKey(input: CreateRootAccessKeyInput): RaisedEvents {
    return this.run((ctx) => createRootAccessKey(ctx, input));
  }

  updateRootAccessKey(input: { accessKeyId: string; status: AccessKeyStatus }): RaisedEvents {
    return this.run((ctx) => updateRootAccessKey(ctx, input));
  }

  deleteRootAccessKey(input: { accessKeyId: string }): RaisedEvents {
    return this.run((ctx) => deleteRootAccessKey(ctx, input));
  }

  /**
   * A root access key with its sealed secret, for the application layer (the operator's
   * bootstrap key is compared with what is stored); undefined when there is no such key.
   */
  rootAccessKey(
    accessKeyId: string,
  ): { readonly status: AccessKeyStatus; readonly sealedSecretAccessKey: string } | undefined {
    const key = this.state.rootAccessKeys.get(accessKeyId);
    return (
      key && Object.freeze({ status: key.status, sealedSecretAccessKey: key.sealedSecretAccessKey })
    );
  }

  /** The root's access key ids, in creation order. */
  rootAccessKeyIds(): readonly string[] {
    return Object.freeze([...this.state.rootAccessKeys.keys()]);
  }

  /** The root's access keys, in creation order; never the secret. */
  listRootAccessKeys(): readonly {
    readonly accessKeyId: string;
    readonly status: AccessKeyStatus;
    readonly createDate: string;
  }[] {
    return Object.freeze(
      [...this.state.rootAccessKeys.values()].map((k) =>
        Object.freeze({ accessKeyId: k.accessKeyId, status: k.status, createDate: k.createDate }),
      ),
    );
  }

  /** Whether CreateAccount has run for this account. */
  get exists(): boolean {
    return this.state.account !== undefined;
  }

  // ---- passwords

  /**
   * Checks a password change of this kind could proceed (AWS's errors otherwise) and answers what
   * checking the new password needs: the policy, the previous hashes, the current hash. For the
   * application layer only (it holds hashes); raises nothing.
   */
  passwordChangeContext(kind: PasswordChangeKind, userName: string): PasswordChangeContext {
    return passwordChangeContext(this.state, kind, userName);
  }

  createLoginProfile(input: CreateLoginProfileInput): RaisedEvents {
    return this.run((ctx) => createLoginProfile(ctx, input));
  }

  updateLoginProfile(input: UpdateLoginProfileInput): RaisedEvents {
    return this.run((ctx) => updateLoginProfile(ctx, input));
  }

  deleteLoginProfile(input: DeleteLoginProfileInput): RaisedEvents {
    return this.run((ctx) => deleteLoginProfile(ctx, input));
  }

  changePassword(input: ChangePasswordInput): RaisedEvents {
    return this.run((ctx) => changePassword(ctx, input));
  }

  updateAccountPasswordPolicy(input: UpdateAccountPasswordPolicyInput): RaisedEvents {
    return this.run((ctx) => updateAccountPasswordPolicy(ctx, input));
  }

  deleteAccountPasswordPolicy(): RaisedEvents {
    return this.run((ctx) => deleteAccountPasswordPolicy(ctx));
  }

  // ---- MFA devices

  createVirtualMfaDevice(input: CreateVirtualMfaDeviceInput): RaisedEvents {
    return this.run((ctx) => createVirtualMfaDevice(ctx, input));
  }

  enableMfaDevice(input: EnableMfaDeviceInput): RaisedEvents {
    return this.run((ctx) => enableMfaDevice(ctx, input));
  }

  resyncMfaDevice(input: ResyncMfaDeviceInput): RaisedEvents {
    return this.run((ctx) => resyncMfaDevice(ctx, input));
  }

  deactivateMfaDevice(input: DeactivateMfaDeviceInput): RaisedEvents {
    return this.run((ctx) => deactivateMfaDevice(ctx, input));
  }

  deleteVirtualMfaDevice(input: DeleteVirtualMfaDeviceInput): RaisedEvents {
    return this.run((ctx) => deleteVirtualMfaDevice(ctx, input));
  }

  /** A user proves MFA with a code: `iam.mfa-code-used.v1` (the step is spent). */
  useMfaCode(input: UseMfaCodeInput): RaisedEvents {
    return this.run((ctx) => useMfaCode(ctx, input));
  }

  recordSignInLockout(input: {
    userName: string;
    failures: number;
    until: Date;
    sourceIp?: string;
  }): RaisedEvents {
    return this.run((ctx) => recordSignInLockout(ctx, input));
  }

  // ---- read API (frozen snapshots)

  getAccount(): AccountView {
    return this.queries.getAccount();
  }

  getUser(userName: string): UserView | undefined {
    return this.queries.getUser(userName);
  }

  listUsers(options?: PathPrefixOptions): readonly UserView[] {
    return this.queries.listUsers(options);
  }

  listGroupsForUser(userName: string): readonly GroupView[] {
    return this.queries.listGroupsForUser(userName);
  }

  getGroup(groupName: string): GroupWithUsersView | undefined {
    return this.queries.getGroup(groupName);
  }

  listGroups(options?: PathPrefixOptions): readonly GroupView[] {
    return this.queries.listGroups(options);
  }

  getRole(roleName: string): RoleView | undefined {
    return this.queries.getRole(roleName);
  }

  listRoles(options?: PathPrefixOptions): readonly RoleView[] {
    return this.queries.listRoles(options);
  }

  getPolicy(policyArn: string): ManagedPolicyView | undefined {
    return this.queries.getPolicy(policyArn);
  }

  listPolicies(options?: ListPoliciesOptions): readonly ManagedPolicyView[] {
    return this.queries.listPolicies(options);
  }

  getPolicyVersion(policyArn: string, versionId: string): PolicyVersionView | undefined {
    return this.queries.getPolicyVersion(policyArn, versionId);
  }

  listPolicyVersions(policyArn: string): readonly PolicyVersionView[] {
    return this.queries.listPolicyVersions(policyArn);
  }

  listEntitiesForPolicy(policyArn: string): PolicyEntitiesView {
    return this.queries.listEntitiesForPolicy(policyArn);
  }

  listAttachedUserPolicies(userName: string): readonly AttachedPolicyView[] {
    return this.queries.listAttachedUserPolicies(userName);
  }

  listAttachedGroupPolicies(groupName: string): readonly AttachedPolicyView[] {
    return this.queries.listAttachedGroupPolicies(groupName);
  }

  listAttachedRolePolicies(roleName: string): readonly AttachedPolicyView[] {
    return this.queries.listAttachedRolePolicies(roleName);
  }

  listUserPolicies(userName: string): readonly string[] {
    return this.queries.listUserPolicies(userName);
  }

  listGroupPolicies(groupName: string): readonly string[] {
    return this.queries.listGroupPolicies(groupName);
  }

  listRolePolicies(roleName: string): readonly string[] {
    return this.queries.listRolePolicies(roleName);
  }

  getUserPolicy(userName: string, policyName: string): InlinePolicyView | undefined {
    return this.queries.getUserPolicy(userName, policyName);
  }

  getGroupPolicy(groupName: string, policyName: string): InlinePolicyView | undefined {
    return this.queries.getGroupPolicy(groupName, policyName);
  }

  getRolePolicy(roleName: string, policyName: string): InlinePolicyView | undefined {
    return this.queries.getRolePolicy(roleName, policyName);
  }

  listAccessKeys(userName: string): readonly AccessKeyView[] | undefined {
    return this.credentials.listAccessKeys(userName);
  }

  accessKeyOwner(accessKeyId: string): string | undefined {
    return this.credentials.accessKeyOwner(accessKeyId);
  }

  /** Any access key of the account, a user's or the root's (GetAccessKeyLastUsed). */
  accessKeyLastUsed(accessKeyId: string): AccessKeyLastUsedView | undefined {
    return this.credentials.accessKeyLastUsed(accessKeyId);
  }

  getLoginProfile(userName: string): LoginProfileView | undefined {
    return this.credentials.getLoginProfile(userName);
  }

  getPasswordPolicy(): PasswordPolicyView | undefined {
    return this.credentials.getPasswordPolicy();
  }

  listMfaDevices(userName: string): readonly MfaDeviceView[] | undefined {
    return this.credentials.listMfaDevices(userName);
  }

  listVirtualMfaDevices(status?: MfaAssignmentStatus): readonly VirtualMfaDeviceView[] {
    return this.credentials.listVirtualMfaDevices(status);
  }

  /** The documents that apply to a principal (IAM authorizes IAM); see PrincipalPoliciesView. */
  policiesOf(principalArn: string): PrincipalPoliciesView | undefined {
    return this.queries.policiesOf(principalArn);
  }
}
