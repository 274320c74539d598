import { defineCommand, type CommandArea } from '../pipeline/command-definition';
import { CreateGroupCommand } from './create-group/create-group.command';
import { CreateGroupHandler } from './create-group/create-group.handler';
import { CreateGroupRequestDto } from './create-group/create-group.request.dto';
import { UpdateGroupCommand } from './update-group/update-group.command';
import { UpdateGroupHandler } from './update-group/update-group.handler';
import { UpdateGroupRequestDto } from './update-group/update-group.request.dto';
import { DeleteGroupCommand } from './delete-group/delete-group.command';
import { DeleteGroupHandler } from './delete-group/delete-group.handler';
import { DeleteGroupRequestDto } from './delete-group/delete-group.request.dto';
import { AddUserToGroupCommand } from './add-user-to-group/add-user-to-group.command';
import { AddUserToGroupHandler } from './add-user-to-group/add-user-to-group.handler';
import { AddUserToGroupRequestDto } from './add-user-to-group/add-user-to-group.request.dto';
import { RemoveUserFromGroupCommand } from './remove-user-from-group/remove-user-from-group.command';
import { RemoveUserFromGroupHandler } from './remove-user-from-group/remove-user-from-group.handler';
import { RemoveUserFromGroupRequestDto } from './remove-user-from-group/remove-user-from-group.request.dto';
import { AttachGroupPolicyCommand } from './attach-group-policy/attach-group-policy.command';
import { AttachGroupPolicyHandler } from './attach-group-policy/attach-group-policy.handler';
import { AttachGroupPolicyRequestDto } from './attach-group-policy/attach-group-policy.request.dto';
import { DetachGroupPolicyCommand } from './detach-group-policy/detach-group-policy.command';
import { DetachGroupPolicyHandler } from './detach-group-policy/detach-group-policy.handler';
import { DetachGroupPolicyRequestDto } from './detach-group-policy/detach-group-policy.request.dto';
import { PutGroupPolicyCommand } from './put-group-policy/put-group-policy.command';
import { PutGroupPolicyHandler } from './put-group-policy/put-group-policy.handler';
import { PutGroupPolicyRequestDto } from './put-group-policy/put-group-policy.request.dto';
import { DeleteGroupPolicyCommand } from './delete-group-policy/delete-group-policy.command';
import { DeleteGroupPolicyHandler } from './delete-group-policy/delete-group-policy.handler';
import { DeleteGroupPolicyRequestDto } from './delete-group-policy/delete-group-policy.request.dto';

/** The groups area of the API: its AWS actions and their handlers. */
export const GROUPS: CommandArea = {
  commands: {
    CreateGroup: defineCommand({
      dto: CreateGroupRequestDto,
      toCommand: (accountId, dto) => CreateGroupCommand.fromRequest(accountId, dto),
      resultFrom: (events) => CreateGroupCommand.resultFrom(events),
    }),
    UpdateGroup: defineCommand({
      dto: UpdateGroupRequestDto,
      toCommand: (accountId, dto) => UpdateGroupCommand.fromRequest(accountId, dto),
      resultFrom: () => UpdateGroupCommand.resultFrom(),
    }),
    DeleteGroup: defineCommand({
      dto: DeleteGroupRequestDto,
      toCommand: (accountId, dto) => DeleteGroupCommand.fromRequest(accountId, dto),
      resultFrom: () => DeleteGroupCommand.resultFrom(),
    }),
    AddUserToGroup: defineCommand({
      dto: AddUserToGroupRequestDto,
      toCommand: (accountId, dto) => AddUserToGroupCommand.fromRequest(accountId, dto),
      resultFrom: () => AddUserToGroupCommand.resultFrom(),
    }),
    RemoveUserFromGroup: defineCommand({
      dto: RemoveUserFromGroupRequestDto,
      toCommand: (accountId, dto) => RemoveUserFromGroupCommand.fromRequest(accountId, dto),
      resultFrom: () => RemoveUserFromGroupCommand.resultFrom(),
    }),
    AttachGroupPolicy: defineCommand({
      dto: AttachGroupPolicyRequestDto,
      toCommand: (accountId, dto) => AttachGroupPolicyCommand.fromRequest(accountId, dto),
      resultFrom: () => AttachGroupPolicyCommand.resultFrom(),
    }),
    DetachGroupPolicy: defineCommand({
      dto: DetachGroupPolicyRequestDto,
      toCommand: (accountId, dto) => DetachGroupPolicyCommand.fromRequest(accountId, dto),
      resultFrom: () => DetachGroupPolicyCommand.resultFrom(),
    }),
    PutGroupPolicy: defineCommand({
      dto: PutGroupPolicyRequestDto,
      toCommand: (accountId, dto) => PutGroupPolicyCommand.fromRequest(accountId, dto),
      resultFrom: () => PutGroupPolicyCommand.resultFrom(),
    }),
    DeleteGroupPolicy: defineCommand({
      dto: DeleteGroupPolicyRequestDto,
      toCommand: (accountId, dto) => DeleteGroupPolicyCommand.fromRequest(accountId, dto),
      resultFrom: () => DeleteGroupPolicyCommand.resultFrom(),
    }),
  },
  handlers: [
    CreateGroupHandler,
    UpdateGroupHandler,
    DeleteGroupHandler,
    AddUserToGroupHandler,
    RemoveUserFromGroupHandler,
    AttachGroupPolicyHandler,
    DetachGroupPolicyHandler,
    PutGroupPolicyHandler,
    DeleteGroupPolicyHandler,
  ],
};
