import { defineCommand, type CommandArea } from '../pipeline/command-definition';
import { CreateUserCommand } from './create-user/create-user.command';
import { CreateUserHandler } from './create-user/create-user.handler';
import { CreateUserRequestDto } from './create-user/create-user.request.dto';
import { UpdateUserCommand } from './update-user/update-user.command';
import { UpdateUserHandler } from './update-user/update-user.handler';
import { UpdateUserRequestDto } from './update-user/update-user.request.dto';
import { DeleteUserCommand } from './delete-user/delete-user.command';
import { DeleteUserHandler } from './delete-user/delete-user.handler';
import { DeleteUserRequestDto } from './delete-user/delete-user.request.dto';
import { TagUserCommand } from './tag-user/tag-user.command';
import { TagUserHandler } from './tag-user/tag-user.handler';
import { TagUserRequestDto } from './tag-user/tag-user.request.dto';
import { UntagUserCommand } from './untag-user/untag-user.command';
import { UntagUserHandler } from './untag-user/untag-user.handler';
import { UntagUserRequestDto } from './untag-user/untag-user.request.dto';
import { AttachUserPolicyCommand } from './attach-user-policy/attach-user-policy.command';
import { AttachUserPolicyHandler } from './attach-user-policy/attach-user-policy.handler';
import { AttachUserPolicyRequestDto } from './attach-user-policy/attach-user-policy.request.dto';
import { DetachUserPolicyCommand } from './detach-user-policy/detach-user-policy.command';
import { DetachUserPolicyHandler } from './detach-user-policy/detach-user-policy.handler';
import { DetachUserPolicyRequestDto } from './detach-user-policy/detach-user-policy.request.dto';
import { PutUserPolicyCommand } from './put-user-policy/put-user-policy.command';
import { PutUserPolicyHandler } from './put-user-policy/put-user-policy.handler';
import { PutUserPolicyRequestDto } from './put-user-policy/put-user-policy.request.dto';
import { DeleteUserPolicyCommand } from './delete-user-policy/delete-user-policy.command';
import { DeleteUserPolicyHandler } from './delete-user-policy/delete-user-policy.handler';
import { DeleteUserPolicyRequestDto } from './delete-user-policy/delete-user-policy.request.dto';
import { PutUserPermissionsBoundaryCommand } from './put-user-permissions-boundary/put-user-permissions-boundary.command';
import { PutUserPermissionsBoundaryHandler } from './put-user-permissions-boundary/put-user-permissions-boundary.handler';
import { PutUserPermissionsBoundaryRequestDto } from './put-user-permissions-boundary/put-user-permissions-boundary.request.dto';
import { DeleteUserPermissionsBoundaryCommand } from './delete-user-permissions-boundary/delete-user-permissions-boundary.command';
import { DeleteUserPermissionsBoundaryHandler } from './delete-user-permissions-boundary/delete-user-permissions-boundary.handler';
import { DeleteUserPermissionsBoundaryRequestDto } from './delete-user-permissions-boundary/delete-user-permissions-boundary.request.dto';

/** The users area of the API: its AWS actions and their handlers. */
export const USERS: CommandArea = {
  commands: {
    CreateUser: defineCommand({
      dto: CreateUserRequestDto,
      toCommand: (accountId, dto) => CreateUserCommand.fromRequest(accountId, dto),
      resultFrom: (events) => CreateUserCommand.resultFrom(events),
    }),
    UpdateUser: defineCommand({
      dto: UpdateUserRequestDto,
      toCommand: (accountId, dto) => UpdateUserCommand.fromRequest(accountId, dto),
      resultFrom: () => UpdateUserCommand.resultFrom(),
    }),
    DeleteUser: defineCommand({
      dto: DeleteUserRequestDto,
      toCommand: (accountId, dto) => DeleteUserCommand.fromRequest(accountId, dto),
      resultFrom: () => DeleteUserCommand.resultFrom(),
    }),
    TagUser: defineCommand({
      dto: TagUserRequestDto,
      toCommand: (accountId, dto) => TagUserCommand.fromRequest(accountId, dto),
      resultFrom: () => TagUserCommand.resultFrom(),
    }),
    UntagUser: defineCommand({
      dto: UntagUserRequestDto,
      toCommand: (accountId, dto) => UntagUserCommand.fromRequest(accountId, dto),
      resultFrom: () => UntagUserCommand.resultFrom(),
    }),
    AttachUserPolicy: defineCommand({
      dto: AttachUserPolicyRequestDto,
      toCommand: (accountId, dto) => AttachUserPolicyCommand.fromRequest(accountId, dto),
      resultFrom: () => AttachUserPolicyCommand.resultFrom(),
    }),
    DetachUserPolicy: defineCommand({
      dto: DetachUserPolicyRequestDto,
      toCommand: (accountId, dto) => DetachUserPolicyCommand.fromRequest(accountId, dto),
      resultFrom: () => DetachUserPolicyCommand.resultFrom(),
    }),
    PutUserPolicy: defineCommand({
      dto: PutUserPolicyRequestDto,
      toCommand: (accountId, dto) => PutUserPolicyCommand.fromRequest(accountId, dto),
      resultFrom: () => PutUserPolicyCommand.resultFrom(),
    }),
    DeleteUserPolicy: defineCommand({
      dto: DeleteUserPolicyRequestDto,
      toCommand: (accountId, dto) => DeleteUserPolicyCommand.fromRequest(accountId, dto),
      resultFrom: () => DeleteUserPolicyCommand.resultFrom(),
    }),
    PutUserPermissionsBoundary: defineCommand({
      dto: PutUserPermissionsBoundaryRequestDto,
      toCommand: (accountId, dto) => PutUserPermissionsBoundaryCommand.fromRequest(accountId, dto),
      resultFrom: () => PutUserPermissionsBoundaryCommand.resultFrom(),
    }),
    DeleteUserPermissionsBoundary: defineCommand({
      dto: DeleteUserPermissionsBoundaryRequestDto,
      toCommand: (accountId, dto) =>
        DeleteUserPermissionsBoundaryCommand.fromRequest(accountId, dto),
      resultFrom: () => DeleteUserPermissionsBoundaryCommand.resultFrom(),
    }),
  },
  handlers: [
    CreateUserHandler,
    UpdateUserHandler,
    DeleteUserHandler,
    TagUserHandler,
    UntagUserHandler,
    AttachUserPolicyHandler,
    DetachUserPolicyHandler,
    PutUserPolicyHandler,
    DeleteUserPolicyHandler,
    PutUserPermissionsBoundaryHandler,
    DeleteUserPermissionsBoundaryHandler,
  ],
};
