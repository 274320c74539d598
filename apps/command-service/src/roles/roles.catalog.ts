import { defineCommand, type CommandArea } from '../pipeline/command-definition';
import { CreateRoleCommand } from './create-role/create-role.command';
import { CreateRoleHandler } from './create-role/create-role.handler';
import { CreateRoleRequestDto } from './create-role/create-role.request.dto';
import { UpdateAssumeRolePolicyCommand } from './update-assume-role-policy/update-assume-role-policy.command';
import { UpdateAssumeRolePolicyHandler } from './update-assume-role-policy/update-assume-role-policy.handler';
import { UpdateAssumeRolePolicyRequestDto } from './update-assume-role-policy/update-assume-role-policy.request.dto';
import { UpdateRoleCommand } from './update-role/update-role.command';
import { UpdateRoleHandler } from './update-role/update-role.handler';
import { UpdateRoleRequestDto } from './update-role/update-role.request.dto';
import { DeleteRoleCommand } from './delete-role/delete-role.command';
import { DeleteRoleHandler } from './delete-role/delete-role.handler';
import { DeleteRoleRequestDto } from './delete-role/delete-role.request.dto';
import { TagRoleCommand } from './tag-role/tag-role.command';
import { TagRoleHandler } from './tag-role/tag-role.handler';
import { TagRoleRequestDto } from './tag-role/tag-role.request.dto';
import { UntagRoleCommand } from './untag-role/untag-role.command';
import { UntagRoleHandler } from './untag-role/untag-role.handler';
import { UntagRoleRequestDto } from './untag-role/untag-role.request.dto';
import { AttachRolePolicyCommand } from './attach-role-policy/attach-role-policy.command';
import { AttachRolePolicyHandler } from './attach-role-policy/attach-role-policy.handler';
import { AttachRolePolicyRequestDto } from './attach-role-policy/attach-role-policy.request.dto';
import { DetachRolePolicyCommand } from './detach-role-policy/detach-role-policy.command';
import { DetachRolePolicyHandler } from './detach-role-policy/detach-role-policy.handler';
import { DetachRolePolicyRequestDto } from './detach-role-policy/detach-role-policy.request.dto';
import { PutRolePolicyCommand } from './put-role-policy/put-role-policy.command';
import { PutRolePolicyHandler } from './put-role-policy/put-role-policy.handler';
import { PutRolePolicyRequestDto } from './put-role-policy/put-role-policy.request.dto';
import { DeleteRolePolicyCommand } from './delete-role-policy/delete-role-policy.command';
import { DeleteRolePolicyHandler } from './delete-role-policy/delete-role-policy.handler';
import { DeleteRolePolicyRequestDto } from './delete-role-policy/delete-role-policy.request.dto';
import { PutRolePermissionsBoundaryCommand } from './put-role-permissions-boundary/put-role-permissions-boundary.command';
import { PutRolePermissionsBoundaryHandler } from './put-role-permissions-boundary/put-role-permissions-boundary.handler';
import { PutRolePermissionsBoundaryRequestDto } from './put-role-permissions-boundary/put-role-permissions-boundary.request.dto';
import { DeleteRolePermissionsBoundaryCommand } from './delete-role-permissions-boundary/delete-role-permissions-boundary.command';
import { DeleteRolePermissionsBoundaryHandler } from './delete-role-permissions-boundary/delete-role-permissions-boundary.handler';
import { DeleteRolePermissionsBoundaryRequestDto } from './delete-role-permissions-boundary/delete-role-permissions-boundary.request.dto';

/** The roles area of the API: its AWS actions and their handlers. */
export const ROLES: CommandArea = {
  commands: {
    CreateRole: defineCommand({
      dto: CreateRoleRequestDto,
      toCommand: (accountId, dto) => CreateRoleCommand.fromRequest(accountId, dto),
      resultFrom: (events) => CreateRoleCommand.resultFrom(events),
    }),
    UpdateAssumeRolePolicy: defineCommand({
      dto: UpdateAssumeRolePolicyRequestDto,
      toCommand: (accountId, dto) => UpdateAssumeRolePolicyCommand.fromRequest(accountId, dto),
      resultFrom: () => UpdateAssumeRolePolicyCommand.resultFrom(),
    }),
    UpdateRole: defineCommand({
      dto: UpdateRoleRequestDto,
      toCommand: (accountId, dto) => UpdateRoleCommand.fromRequest(accountId, dto),
      resultFrom: () => UpdateRoleCommand.resultFrom(),
    }),
    DeleteRole: defineCommand({
      dto: DeleteRoleRequestDto,
      toCommand: (accountId, dto) => DeleteRoleCommand.fromRequest(accountId, dto),
      resultFrom: () => DeleteRoleCommand.resultFrom(),
    }),
    TagRole: defineCommand({
      dto: TagRoleRequestDto,
      toCommand: (accountId, dto) => TagRoleCommand.fromRequest(accountId, dto),
      resultFrom: () => TagRoleCommand.resultFrom(),
    }),
    UntagRole: defineCommand({
      dto: UntagRoleRequestDto,
      toCommand: (accountId, dto) => UntagRoleCommand.fromRequest(accountId, dto),
      resultFrom: () => UntagRoleCommand.resultFrom(),
    }),
    AttachRolePolicy: defineCommand({
      dto: AttachRolePolicyRequestDto,
      toCommand: (accountId, dto) => AttachRolePolicyCommand.fromRequest(accountId, dto),
      resultFrom: () => AttachRolePolicyCommand.resultFrom(),
    }),
    DetachRolePolicy: defineCommand({
      dto: DetachRolePolicyRequestDto,
      toCommand: (accountId, dto) => DetachRolePolicyCommand.fromRequest(accountId, dto),
      resultFrom: () => DetachRolePolicyCommand.resultFrom(),
    }),
    PutRolePolicy: defineCommand({
      dto: PutRolePolicyRequestDto,
      toCommand: (accountId, dto) => PutRolePolicyCommand.fromRequest(accountId, dto),
      resultFrom: () => PutRolePolicyCommand.resultFrom(),
    }),
    DeleteRolePolicy: defineCommand({
      dto: DeleteRolePolicyRequestDto,
      toCommand: (accountId, dto) => DeleteRolePolicyCommand.fromRequest(accountId, dto),
      resultFrom: () => DeleteRolePolicyCommand.resultFrom(),
    }),
    PutRolePermissionsBoundary: defineCommand({
      dto: PutRolePermissionsBoundaryRequestDto,
      toCommand: (accountId, dto) => PutRolePermissionsBoundaryCommand.fromRequest(accountId, dto),
      resultFrom: () => PutRolePermissionsBoundaryCommand.resultFrom(),
    }),
    DeleteRolePermissionsBoundary: defineCommand({
      dto: DeleteRolePermissionsBoundaryRequestDto,
      toCommand: (accountId, dto) =>
        DeleteRolePermissionsBoundaryCommand.fromRequest(accountId, dto),
      resultFrom: () => DeleteRolePermissionsBoundaryCommand.resultFrom(),
    }),
  },
  handlers: [
    CreateRoleHandler,
    UpdateAssumeRolePolicyHandler,
    UpdateRoleHandler,
    DeleteRoleHandler,
    TagRoleHandler,
    UntagRoleHandler,
    AttachRolePolicyHandler,
    DetachRolePolicyHandler,
    PutRolePolicyHandler,
    DeleteRolePolicyHandler,
    PutRolePermissionsBoundaryHandler,
    DeleteRolePermissionsBoundaryHandler,
  ],
};
