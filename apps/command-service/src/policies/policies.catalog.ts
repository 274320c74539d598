import { defineCommand, type CommandArea } from '../pipeline/command-definition';
import { CreatePolicyCommand } from './create-policy/create-policy.command';
import { CreatePolicyHandler } from './create-policy/create-policy.handler';
import { CreatePolicyRequestDto } from './create-policy/create-policy.request.dto';
import { CreatePolicyVersionCommand } from './create-policy-version/create-policy-version.command';
import { CreatePolicyVersionHandler } from './create-policy-version/create-policy-version.handler';
import { CreatePolicyVersionRequestDto } from './create-policy-version/create-policy-version.request.dto';
import { SetDefaultPolicyVersionCommand } from './set-default-policy-version/set-default-policy-version.command';
import { SetDefaultPolicyVersionHandler } from './set-default-policy-version/set-default-policy-version.handler';
import { SetDefaultPolicyVersionRequestDto } from './set-default-policy-version/set-default-policy-version.request.dto';
import { DeletePolicyVersionCommand } from './delete-policy-version/delete-policy-version.command';
import { DeletePolicyVersionHandler } from './delete-policy-version/delete-policy-version.handler';
import { DeletePolicyVersionRequestDto } from './delete-policy-version/delete-policy-version.request.dto';
import { DeletePolicyCommand } from './delete-policy/delete-policy.command';
import { DeletePolicyHandler } from './delete-policy/delete-policy.handler';
import { DeletePolicyRequestDto } from './delete-policy/delete-policy.request.dto';
import { TagPolicyCommand } from './tag-policy/tag-policy.command';
import { TagPolicyHandler } from './tag-policy/tag-policy.handler';
import { TagPolicyRequestDto } from './tag-policy/tag-policy.request.dto';
import { UntagPolicyCommand } from './untag-policy/untag-policy.command';
import { UntagPolicyHandler } from './untag-policy/untag-policy.handler';
import { UntagPolicyRequestDto } from './untag-policy/untag-policy.request.dto';

/** The policies area of the API: its AWS actions and their handlers. */
export const POLICIES: CommandArea = {
  commands: {
    CreatePolicy: defineCommand({
      dto: CreatePolicyRequestDto,
      toCommand: (accountId, dto) => CreatePolicyCommand.fromRequest(accountId, dto),
      resultFrom: (events) => CreatePolicyCommand.resultFrom(events),
    }),
    CreatePolicyVersion: defineCommand({
      dto: CreatePolicyVersionRequestDto,
      toCommand: (accountId, dto) => CreatePolicyVersionCommand.fromRequest(accountId, dto),
      resultFrom: (events) => CreatePolicyVersionCommand.resultFrom(events),
    }),
    SetDefaultPolicyVersion: defineCommand({
      dto: SetDefaultPolicyVersionRequestDto,
      toCommand: (accountId, dto) => SetDefaultPolicyVersionCommand.fromRequest(accountId, dto),
      resultFrom: () => SetDefaultPolicyVersionCommand.resultFrom(),
    }),
    DeletePolicyVersion: defineCommand({
      dto: DeletePolicyVersionRequestDto,
      toCommand: (accountId, dto) => DeletePolicyVersionCommand.fromRequest(accountId, dto),
      resultFrom: () => DeletePolicyVersionCommand.resultFrom(),
    }),
    DeletePolicy: defineCommand({
      dto: DeletePolicyRequestDto,
      toCommand: (accountId, dto) => DeletePolicyCommand.fromRequest(accountId, dto),
      resultFrom: () => DeletePolicyCommand.resultFrom(),
    }),
    TagPolicy: defineCommand({
      dto: TagPolicyRequestDto,
      toCommand: (accountId, dto) => TagPolicyCommand.fromRequest(accountId, dto),
      resultFrom: () => TagPolicyCommand.resultFrom(),
    }),
    UntagPolicy: defineCommand({
      dto: UntagPolicyRequestDto,
      toCommand: (accountId, dto) => UntagPolicyCommand.fromRequest(accountId, dto),
      resultFrom: () => UntagPolicyCommand.resultFrom(),
    }),
  },
  handlers: [
    CreatePolicyHandler,
    CreatePolicyVersionHandler,
    SetDefaultPolicyVersionHandler,
    DeletePolicyVersionHandler,
    DeletePolicyHandler,
    TagPolicyHandler,
    UntagPolicyHandler,
  ],
};
