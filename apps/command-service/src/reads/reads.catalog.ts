import type { CommandArea } from '../pipeline/command-definition';
import { targetUserName } from '../credentials/shared/caller-user';
import { GetAccessKeyLastUsedHandler } from './get-access-key-last-used/get-access-key-last-used.handler';
import { GetAccessKeyLastUsedQuery } from './get-access-key-last-used/get-access-key-last-used.query';
import { GetAccessKeyLastUsedRequestDto } from './get-access-key-last-used/get-access-key-last-used.request.dto';
import { GetAccountPasswordPolicyHandler } from './get-account-password-policy/get-account-password-policy.handler';
import { GetAccountPasswordPolicyQuery } from './get-account-password-policy/get-account-password-policy.query';
import { GetAccountPasswordPolicyRequestDto } from './get-account-password-policy/get-account-password-policy.request.dto';
import { GetLoginProfileHandler } from './get-login-profile/get-login-profile.handler';
import { GetLoginProfileQuery } from './get-login-profile/get-login-profile.query';
import { GetLoginProfileRequestDto } from './get-login-profile/get-login-profile.request.dto';
import { ListAccessKeysHandler } from './list-access-keys/list-access-keys.handler';
import { ListAccessKeysQuery } from './list-access-keys/list-access-keys.query';
import { ListAccessKeysRequestDto } from './list-access-keys/list-access-keys.request.dto';
import { ListMfaDevicesHandler } from './list-mfa-devices/list-mfa-devices.handler';
import { ListMfaDevicesQuery } from './list-mfa-devices/list-mfa-devices.query';
import { ListMfaDevicesRequestDto } from './list-mfa-devices/list-mfa-devices.request.dto';
import { ListVirtualMfaDevicesHandler } from './list-virtual-mfa-devices/list-virtual-mfa-devices.handler';
import { ListVirtualMfaDevicesQuery } from './list-virtual-mfa-devices/list-virtual-mfa-devices.query';
import { ListVirtualMfaDevicesRequestDto } from './list-virtual-mfa-devices/list-virtual-mfa-devices.request.dto';
import { GetGroupPolicyHandler } from './get-group-policy/get-group-policy.handler';
import { GetGroupPolicyQuery } from './get-group-policy/get-group-policy.query';
import { GetGroupPolicyRequestDto } from './get-group-policy/get-group-policy.request.dto';
import { GetGroupHandler } from './get-group/get-group.handler';
import { GetGroupQuery } from './get-group/get-group.query';
import { GetGroupRequestDto } from './get-group/get-group.request.dto';
import { GetPolicyVersionHandler } from './get-policy-version/get-policy-version.handler';
import { GetPolicyVersionQuery } from './get-policy-version/get-policy-version.query';
import { GetPolicyVersionRequestDto } from './get-policy-version/get-policy-version.request.dto';
import { GetPolicyHandler } from './get-policy/get-policy.handler';
import { GetPolicyQuery } from './get-policy/get-policy.query';
import { GetPolicyRequestDto } from './get-policy/get-policy.request.dto';
import { GetRolePolicyHandler } from './get-role-policy/get-role-policy.handler';
import { GetRolePolicyQuery } from './get-role-policy/get-role-policy.query';
import { GetRolePolicyRequestDto } from './get-role-policy/get-role-policy.request.dto';
import { GetRoleHandler } from './get-role/get-role.handler';
import { GetRoleQuery } from './get-role/get-role.query';
import { GetRoleRequestDto } from './get-role/get-role.request.dto';
import { GetUserPolicyHandler } from './get-user-policy/get-user-policy.handler';
import { GetUserPolicyQuery } from './get-user-policy/get-user-policy.query';
import { GetUserPolicyRequestDto } from './get-user-policy/get-user-policy.request.dto';
import { GetUserHandler } from './get-user/get-user.handler';
import { GetUserQuery } from './get-user/get-user.query';
import { GetUserRequestDto } from './get-user/get-user.request.dto';
import { ListAttachedGroupPoliciesHandler } from './list-attached-group-policies/list-attached-group-policies.handler';
import { ListAttachedGroupPoliciesQuery } from './list-attached-group-policies/list-attached-group-policies.query';
import { ListAttachedGroupPoliciesRequestDto } from './list-attached-group-policies/list-attached-group-policies.request.dto';
import { ListAttachedRolePoliciesHandler } from './list-attached-role-policies/list-attached-role-policies.handler';
import { ListAttachedRolePoliciesQuery } from './list-attached-role-policies/list-attached-role-policies.query';
import { ListAttachedRolePoliciesRequestDto } from './list-attached-role-policies/list-attached-role-policies.request.dto';
import { ListAttachedUserPoliciesHandler } from './list-attached-user-policies/list-attached-user-policies.handler';
import { ListAttachedUserPoliciesQuery } from './list-attached-user-policies/list-attached-user-policies.query';
import { ListAttachedUserPoliciesRequestDto } from './list-attached-user-policies/list-attached-user-policies.request.dto';
import { ListEntitiesForPolicyHandler } from './list-entities-for-policy/list-entities-for-policy.handler';
import { ListEntitiesForPolicyQuery } from './list-entities-for-policy/list-entities-for-policy.query';
import { ListEntitiesForPolicyRequestDto } from './list-entities-for-policy/list-entities-for-policy.request.dto';
import { ListGroupPoliciesHandler } from './list-group-policies/list-group-policies.handler';
import { ListGroupPoliciesQuery } from './list-group-policies/list-group-policies.query';
import { ListGroupPoliciesRequestDto } from './list-group-policies/list-group-policies.request.dto';
import { ListGroupsForUserHandler } from './list-groups-for-user/list-groups-for-user.handler';
import { ListGroupsForUserQuery } from './list-groups-for-user/list-groups-for-user.query';
import { ListGroupsForUserRequestDto } from './list-groups-for-user/list-groups-for-user.request.dto';
import { ListGroupsHandler } from './list-groups/list-groups.handler';
import { ListGroupsQuery } from './list-groups/list-groups.query';
import { ListGroupsRequestDto } from './list-groups/list-groups.request.dto';
import { ListPoliciesHandler } from './list-policies/list-policies.handler';
import { ListPoliciesQuery } from './list-policies/list-policies.query';
import { ListPoliciesRequestDto } from './list-policies/list-policies.request.dto';
import { ListPolicyTagsHandler } from './list-policy-tags/list-policy-tags.handler';
import { ListPolicyTagsQuery } from './list-policy-tags/list-policy-tags.query';
import { ListPolicyTagsRequestDto } from './list-policy-tags/list-policy-tags.request.dto';
import { ListPolicyVersionsHandler } from './list-policy-versions/list-policy-versions.handler';
import { ListPolicyVersionsQuery } from './list-policy-versions/list-policy-versions.query';
import { ListPolicyVersionsRequestDto } from './list-policy-versions/list-policy-versions.request.dto';
import { ListRolePoliciesHandler } from './list-role-policies/list-role-policies.handler';
import { ListRolePoliciesQuery } from './list-role-policies/list-role-policies.query';
import { ListRolePoliciesRequestDto } from './list-role-policies/list-role-policies.request.dto';
import { ListRoleTagsHandler } from './list-role-tags/list-role-tags.handler';
import { ListRoleTagsQuery } from './list-role-tags/list-role-tags.query';
import { ListRoleTagsRequestDto } from './list-role-tags/list-role-tags.request.dto';
import { ListRolesHandler } from './list-roles/list-roles.handler';
import { ListRolesQuery } from './list-roles/list-roles.query';
import { ListRolesRequestDto } from './list-roles/list-roles.request.dto';
import { ListUserPoliciesHandler } from './list-user-policies/list-user-policies.handler';
import { ListUserPoliciesQuery } from './list-user-policies/list-user-policies.query';
import { ListUserPoliciesRequestDto } from './list-user-policies/list-user-policies.request.dto';
import { ListUserTagsHandler } from './list-user-tags/list-user-tags.handler';
import { ListUserTagsQuery } from './list-user-tags/list-user-tags.query';
import { ListUserTagsRequestDto } from './list-user-tags/list-user-tags.request.dto';
import { ListUsersHandler } from './list-users/list-users.handler';
import { ListUsersQuery } from './list-users/list-users.query';
import { ListUsersRequestDto } from './list-users/list-users.request.dto';
import { defineRead } from './shared/read-definition';

/**
 * The read APIs, as AWS names and shapes them. Like commands they go to the single writer of the
 * account's partition (over Kafka in the distributed deployment) and are answered from its live
 * aggregate: strongly consistent, appending nothing. See shared/read-definition.ts.
 */
export const READS: CommandArea = {
  commands: {
    GetUser: defineRead({
      dto: GetUserRequestDto,
      toCommand: (accountId, dto) => new GetUserQuery(accountId, dto),
    }),
    ListUsers: defineRead({
      dto: ListUsersRequestDto,
      toCommand: (accountId, dto) => new ListUsersQuery(accountId, dto),
    }),
    ListGroupsForUser: defineRead({
      dto: ListGroupsForUserRequestDto,
      toCommand: (accountId, dto) => new ListGroupsForUserQuery(accountId, dto),
    }),
    ListUserTags: defineRead({
      dto: ListUserTagsRequestDto,
      toCommand: (accountId, dto) => new ListUserTagsQuery(accountId, dto),
    }),
    ListUserPolicies: defineRead({
      dto: ListUserPoliciesRequestDto,
      toCommand: (accountId, dto) => new ListUserPoliciesQuery(accountId, dto),
    }),
    GetUserPolicy: defineRead({
      dto: GetUserPolicyRequestDto,
      toCommand: (accountId, dto) => new GetUserPolicyQuery(accountId, dto),
    }),
    ListAttachedUserPolicies: defineRead({
      dto: ListAttachedUserPoliciesRequestDto,
      toCommand: (accountId, dto) => new ListAttachedUserPoliciesQuery(accountId, dto),
    }),
    GetGroup: defineRead({
      dto: GetGroupRequestDto,
      toCommand: (accountId, dto) => new GetGroupQuery(accountId, dto),
    }),
    ListGroups: defineRead({
      dto: ListGroupsRequestDto,
      toCommand: (accountId, dto) => new ListGroupsQuery(accountId, dto),
    }),
    ListGroupPolicies: defineRead({
      dto: ListGroupPoliciesRequestDto,
      toCommand: (accountId, dto) => new ListGroupPoliciesQuery(accountId, dto),
    }),
    GetGroupPolicy: defineRead({
      dto: GetGroupPolicyRequestDto,
      toCommand: (accountId, dto) => new GetGroupPolicyQuery(accountId, dto),
    }),
    ListAttachedGroupPolicies: defineRead({
      dto: ListAttachedGroupPoliciesRequestDto,
      toCommand: (accountId, dto) => new ListAttachedGroupPoliciesQuery(accountId, dto),
    }),
    GetRole: defineRead({
      dto: GetRoleRequestDto,
      toCommand: (accountId, dto) => new GetRoleQuery(accountId, dto),
    }),
    ListRoles: defineRead({
      dto: ListRolesRequestDto,
      toCommand: (accountId, dto) => new ListRolesQuery(accountId, dto),
    }),
    ListRoleTags: defineRead({
      dto: ListRoleTagsRequestDto,
      toCommand: (accountId, dto) => new ListRoleTagsQuery(accountId, dto),
    }),
    ListRolePolicies: defineRead({
      dto: ListRolePoliciesRequestDto,
      toCommand: (accountId, dto) => new ListRolePoliciesQuery(accountId, dto),
    }),
    GetRolePolicy: defineRead({
      dto: GetRolePolicyRequestDto,
      toCommand: (accountId, dto) => new GetRolePolicyQuery(accountId, dto),
    }),
    ListAttachedRolePolicies: defineRead({
      dto: ListAttachedRolePoliciesRequestDto,
      toCommand: (accountId, dto) => new ListAttachedRolePoliciesQuery(accountId, dto),
    }),
    GetPolicy: defineRead({
      dto: GetPolicyRequestDto,
      toCommand: (accountId, dto) => new GetPolicyQuery(accountId, dto),
    }),
    ListPolicies: defineRead({
      dto: ListPoliciesRequestDto,
      toCommand: (accountId, dto) => new ListPoliciesQuery(accountId, dto),
    }),
    GetPolicyVersion: defineRead({
      dto: GetPolicyVersionRequestDto,
      toCommand: (accountId, dto) => new GetPolicyVersionQuery(accountId, dto),
    }),
    ListPolicyVersions: defineRead({
      dto: ListPolicyVersionsRequestDto,
      toCommand: (accountId, dto) => new ListPolicyVersionsQuery(accountId, dto),
    }),
    ListEntitiesForPolicy: defineRead({
      dto: ListEntitiesForPolicyRequestDto,
      toCommand: (accountId, dto) => new ListEntitiesForPolicyQuery(accountId, dto),
    }),
    ListPolicyTags: defineRead({
      dto: ListPolicyTagsRequestDto,
      toCommand: (accountId, dto) => new ListPolicyTagsQuery(accountId, dto),
    }),
    // Credentials: never a secret in a read.
    ListAccessKeys: defineRead({
      dto: ListAccessKeysRequestDto,
      toCommand: (accountId, dto, caller) =>
        ListAccessKeysQuery.fromRequest(accountId, dto, caller),
    }),
    GetAccessKeyLastUsed: defineRead({
      dto: GetAccessKeyLastUsedRequestDto,
      toCommand: (accountId, dto) => new GetAccessKeyLastUsedQuery(accountId, dto),
    }),
    GetLoginProfile: defineRead({
      dto: GetLoginProfileRequestDto,
      toCommand: (accountId, dto, caller) =>
        new GetLoginProfileQuery(accountId, targetUserName(dto.UserName, caller)),
    }),
    GetAccountPasswordPolicy: defineRead({
      dto: GetAccountPasswordPolicyRequestDto,
      toCommand: (accountId) => new GetAccountPasswordPolicyQuery(accountId),
    }),
    ListMFADevices: defineRead({
      dto: ListMfaDevicesRequestDto,
      toCommand: (accountId, dto, caller) =>
        new ListMfaDevicesQuery(accountId, targetUserName(dto.UserName, caller), dto),
    }),
    ListVirtualMFADevices: defineRead({
      dto: ListVirtualMfaDevicesRequestDto,
      toCommand: (accountId, dto) => new ListVirtualMfaDevicesQuery(accountId, dto),
    }),
  },
  handlers: [
    ListAccessKeysHandler,
    GetAccessKeyLastUsedHandler,
    GetLoginProfileHandler,
    GetAccountPasswordPolicyHandler,
    ListMfaDevicesHandler,
    ListVirtualMfaDevicesHandler,
    GetUserHandler,
    ListUsersHandler,
    ListGroupsForUserHandler,
    ListUserTagsHandler,
    ListUserPoliciesHandler,
    GetUserPolicyHandler,
    ListAttachedUserPoliciesHandler,
    GetGroupHandler,
    ListGroupsHandler,
    ListGroupPoliciesHandler,
    GetGroupPolicyHandler,
    ListAttachedGroupPoliciesHandler,
    GetRoleHandler,
    ListRolesHandler,
    ListRoleTagsHandler,
    ListRolePoliciesHandler,
    GetRolePolicyHandler,
    ListAttachedRolePoliciesHandler,
    GetPolicyHandler,
    ListPoliciesHandler,
    GetPolicyVersionHandler,
    ListPolicyVersionsHandler,
    ListEntitiesForPolicyHandler,
    ListPolicyTagsHandler,
  ],
};
