import type { AccountCreatedPayload } from './account.events';
import type {
  AccessKeyCreatedPayload,
  AccessKeyDeletedPayload,
  AccessKeyUsedPayload,
  RootAccessKeyCreatedPayload,
  RootAccessKeyDeletedPayload,
  RootAccessKeyUpdatedPayload,
  AccessKeyUpdatedPayload,
  AccountPasswordPolicyDeletedPayload,
  AccountPasswordPolicyUpdatedPayload,
  LoginProfileCreatedPayload,
  LoginProfileDeletedPayload,
  LoginProfileUpdatedPayload,
  MfaCodeUsedPayload,
  MfaDeviceDeactivatedPayload,
  SignInLockedOutPayload,
  MfaDeviceEnabledPayload,
  MfaDeviceResyncedPayload,
  UserPasswordChangedPayload,
  VirtualMfaDeviceCreatedPayload,
  VirtualMfaDeviceDeletedPayload,
} from './credential.events';
import type {
  GroupPolicyAttachedPayload,
  GroupPolicyDeletedPayload,
  GroupPolicyDetachedPayload,
  GroupPolicyPutPayload,
  RolePermissionsBoundaryDeletedPayload,
  RolePermissionsBoundaryPutPayload,
  RolePolicyAttachedPayload,
  RolePolicyDeletedPayload,
  RolePolicyDetachedPayload,
  RolePolicyPutPayload,
  UserPermissionsBoundaryDeletedPayload,
  UserPermissionsBoundaryPutPayload,
  UserPolicyAttachedPayload,
  UserPolicyDeletedPayload,
  UserPolicyDetachedPayload,
  UserPolicyPutPayload,
} from './entity-policy.events';
import type {
  GroupCreatedPayload,
  GroupDeletedPayload,
  GroupUpdatedPayload,
  UserAddedToGroupPayload,
  UserRemovedFromGroupPayload,
} from './group.events';
import type {
  PolicyCreatedPayload,
  PolicyDefaultVersionSetPayload,
  PolicyDeletedPayload,
  PolicyTaggedPayload,
  PolicyUntaggedPayload,
  PolicyVersionCreatedPayload,
  PolicyVersionDeletedPayload,
} from './policy.events';
import type {
  RoleCreatedPayload,
  RoleDeletedPayload,
  RoleTaggedPayload,
  RoleTrustPolicyUpdatedPayload,
  RoleUntaggedPayload,
  RoleUpdatedPayload,
} from './role.events';
import type {
  UserCreatedPayload,
  UserDeletedPayload,
  UserTaggedPayload,
  UserUntaggedPayload,
  UserUpdatedPayload,
} from './user.events';

export * from './common.events';
export * from './account.events';
export * from './user.events';
export * from './group.events';
export * from './role.events';
export * from './policy.events';
export * from './entity-policy.events';
export * from './credential.events';

/**
 * Persisted event types and their payloads. The strings are part of the log's contract:
 * never rename one; add a new version (`.v2`) and upcast the old one on read.
 */
export const IamEventType = {
  AccountCreated: 'iam.account-created.v1',

  UserCreated: 'iam.user-created.v1',
  UserUpdated: 'iam.user-updated.v1',
  UserDeleted: 'iam.user-deleted.v1',
  UserTagged: 'iam.user-tagged.v1',
  UserUntagged: 'iam.user-untagged.v1',

  GroupCreated: 'iam.group-created.v1',
  GroupUpdated: 'iam.group-updated.v1',
  GroupDeleted: 'iam.group-deleted.v1',
  UserAddedToGroup: 'iam.user-added-to-group.v1',
  UserRemovedFromGroup: 'iam.user-removed-from-group.v1',

  RoleCreated: 'iam.role-created.v1',
  RoleTrustPolicyUpdated: 'iam.role-trust-policy-updated.v1',
  RoleUpdated: 'iam.role-updated.v1',
  RoleDeleted: 'iam.role-deleted.v1',
  RoleTagged: 'iam.role-tagged.v1',
  RoleUntagged: 'iam.role-untagged.v1',

  PolicyCreated: 'iam.policy-created.v1',
  PolicyVersionCreated: 'iam.policy-version-created.v1',
  PolicyDefaultVersionSet: 'iam.policy-default-version-set.v1',
  PolicyVersionDeleted: 'iam.policy-version-deleted.v1',
  PolicyDeleted: 'iam.policy-deleted.v1',
  PolicyTagged: 'iam.policy-tagged.v1',
  PolicyUntagged: 'iam.policy-untagged.v1',

  UserPolicyAttached: 'iam.user-policy-attached.v1',
  UserPolicyDetached: 'iam.user-policy-detached.v1',
  GroupPolicyAttached: 'iam.group-policy-attached.v1',
  GroupPolicyDetached: 'iam.group-policy-detached.v1',
  RolePolicyAttached: 'iam.role-policy-attached.v1',
  RolePolicyDetached: 'iam.role-policy-detached.v1',

  UserPolicyPut: 'iam.user-policy-put.v1',
  UserPolicyDeleted: 'iam.user-policy-deleted.v1',
  GroupPolicyPut: 'iam.group-policy-put.v1',
  GroupPolicyDeleted: 'iam.group-policy-deleted.v1',
  RolePolicyPut: 'iam.role-policy-put.v1',
  RolePolicyDeleted: 'iam.role-policy-deleted.v1',

  UserPermissionsBoundaryPut: 'iam.user-permissions-boundary-put.v1',
  UserPermissionsBoundaryDeleted: 'iam.user-permissions-boundary-deleted.v1',
  RolePermissionsBoundaryPut: 'iam.role-permissions-boundary-put.v1',
  RolePermissionsBoundaryDeleted: 'iam.role-permissions-boundary-deleted.v1',

  AccessKeyCreated: 'iam.access-key-created.v1',
  AccessKeyUpdated: 'iam.access-key-updated.v1',
  AccessKeyDeleted: 'iam.access-key-deleted.v1',
  RootAccessKeyCreated: 'iam.root-access-key-created.v1',
  RootAccessKeyUpdated: 'iam.root-access-key-updated.v1',
  RootAccessKeyDeleted: 'iam.root-access-key-deleted.v1',
  AccessKeyUsed: 'iam.access-key-used.v1',

  LoginProfileCreated: 'iam.login-profile-created.v1',
  LoginProfileUpdated: 'iam.login-profile-updated.v1',
  LoginProfileDeleted: 'iam.login-profile-deleted.v1',
  UserPasswordChanged: 'iam.user-password-changed.v1',
  AccountPasswordPolicyUpdated: 'iam.account-password-policy-updated.v1',
  AccountPasswordPolicyDeleted: 'iam.account-password-policy-deleted.v1',

  VirtualMfaDeviceCreated: 'iam.virtual-mfa-device-created.v1',
  MfaDeviceEnabled: 'iam.mfa-device-enabled.v1',
  MfaDeviceResynced: 'iam.mfa-device-resynced.v1',
  MfaDeviceDeactivated: 'iam.mfa-device-deactivated.v1',
  VirtualMfaDeviceDeleted: 'iam.virtual-mfa-device-deleted.v1',
  MfaCodeUsed: 'iam.mfa-code-used.v1',
  SignInLockedOut: 'iam.sign-in-locked-out.v1',
} as const;
export type IamEventType = (typeof IamEventType)[keyof typeof IamEventType];

/** Every event type, in declaration order. */
export const IAM_EVENT_TYPES: readonly IamEventType[] = Object.values(IamEventType);

export interface IamEventPayloads {
  [IamEventType.AccountCreated]: AccountCreatedPayload;

  [IamEventType.UserCreated]: UserCreatedPayload;
  [IamEventType.UserUpdated]: UserUpdatedPayload;
  [IamEventType.UserDeleted]: UserDeletedPayload;
  [IamEventType.UserTagged]: UserTaggedPayload;
  [IamEventType.UserUntagged]: UserUntaggedPayload;

  [IamEventType.GroupCreated]: GroupCreatedPayload;
  [IamEventType.GroupUpdated]: GroupUpdatedPayload;
  [IamEventType.GroupDeleted]: GroupDeletedPayload;
  [IamEventType.UserAddedToGroup]: UserAddedToGroupPayload;
  [IamEventType.UserRemovedFromGroup]: UserRemovedFromGroupPayload;

  [IamEventType.RoleCreated]: RoleCreatedPayload;
  [IamEventType.RoleTrustPolicyUpdated]: RoleTrustPolicyUpdatedPayload;
  [IamEventType.RoleUpdated]: RoleUpdatedPayload;
  [IamEventType.RoleDeleted]: RoleDeletedPayload;
  [IamEventType.RoleTagged]: RoleTaggedPayload;
  [IamEventType.RoleUntagged]: RoleUntaggedPayload;

  [IamEventType.PolicyCreated]: PolicyCreatedPayload;
  [IamEventType.PolicyVersionCreated]: PolicyVersionCreatedPayload;
  [IamEventType.PolicyDefaultVersionSet]: PolicyDefaultVersionSetPayload;
  [IamEventType.PolicyVersionDeleted]: PolicyVersionDeletedPayload;
  [IamEventType.PolicyDeleted]: PolicyDeletedPayload;
  [IamEventType.PolicyTagged]: PolicyTaggedPayload;
  [IamEventType.PolicyUntagged]: PolicyUntaggedPayload;

  [IamEventType.UserPolicyAttached]: UserPolicyAttachedPayload;
  [IamEventType.UserPolicyDetached]: UserPolicyDetachedPayload;
  [IamEventType.GroupPolicyAttached]: GroupPolicyAttachedPayload;
  [IamEventType.GroupPolicyDetached]: GroupPolicyDetachedPayload;
  [IamEventType.RolePolicyAttached]: RolePolicyAttachedPayload;
  [IamEventType.RolePolicyDetached]: RolePolicyDetachedPayload;

  [IamEventType.UserPolicyPut]: UserPolicyPutPayload;
  [IamEventType.UserPolicyDeleted]: UserPolicyDeletedPayload;
  [IamEventType.GroupPolicyPut]: GroupPolicyPutPayload;
  [IamEventType.GroupPolicyDeleted]: GroupPolicyDeletedPayload;
  [IamEventType.RolePolicyPut]: RolePolicyPutPayload;
  [IamEventType.RolePolicyDeleted]: RolePolicyDeletedPayload;

  [IamEventType.UserPermissionsBoundaryPut]: UserPermissionsBoundaryPutPayload;
  [IamEventType.UserPermissionsBoundaryDeleted]: UserPermissionsBoundaryDeletedPayload;
  [IamEventType.RolePermissionsBoundaryPut]: RolePermissionsBoundaryPutPayload;
  [IamEventType.RolePermissionsBoundaryDeleted]: RolePermissionsBoundaryDeletedPayload;

  [IamEventType.AccessKeyCreated]: AccessKeyCreatedPayload;
  [IamEventType.AccessKeyUpdated]: AccessKeyUpdatedPayload;
  [IamEventType.AccessKeyDeleted]: AccessKeyDeletedPayload;
  [IamEventType.RootAccessKeyCreated]: RootAccessKeyCreatedPayload;
  [IamEventType.RootAccessKeyUpdated]: RootAccessKeyUpdatedPayload;
  [IamEventType.RootAccessKeyDeleted]: RootAccessKeyDeletedPayload;
  [IamEventType.AccessKeyUsed]: AccessKeyUsedPayload;

  [IamEventType.LoginProfileCreated]: LoginProfileCreatedPayload;
  [IamEventType.LoginProfileUpdated]: LoginProfileUpdatedPayload;
  [IamEventType.LoginProfileDeleted]: LoginProfileDeletedPayload;
  [IamEventType.UserPasswordChanged]: UserPasswordChangedPayload;
  [IamEventType.AccountPasswordPolicyUpdated]: AccountPasswordPolicyUpdatedPayload;
  [IamEventType.AccountPasswordPolicyDeleted]: AccountPasswordPolicyDeletedPayload;

  [IamEventType.VirtualMfaDeviceCreated]: VirtualMfaDeviceCreatedPayload;
  [IamEventType.MfaDeviceEnabled]: MfaDeviceEnabledPayload;
  [IamEventType.MfaDeviceResynced]: MfaDeviceResyncedPayload;
  [IamEventType.MfaDeviceDeactivated]: MfaDeviceDeactivatedPayload;
  [IamEventType.VirtualMfaDeviceDeleted]: VirtualMfaDeviceDeletedPayload;
  [IamEventType.MfaCodeUsed]: MfaCodeUsedPayload;
  [IamEventType.SignInLockedOut]: SignInLockedOutPayload;
}

/** An event's type with its payload, as a discriminated union. */
export type IamEvent = {
  [T in IamEventType]: { type: T; payload: IamEventPayloads[T] };
}[IamEventType];
