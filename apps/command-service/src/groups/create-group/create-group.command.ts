import { Command } from '@nestjs/cqrs';
import { IamEventType } from '@portcullis/contracts';
import type { AccountEvent, CreateGroupInput } from '@portcullis/domain';
import { requiredEventOf } from '../../shared/iam-response';
import type { CreateGroupRequestDto } from './create-group.request.dto';

/** AWS's `Group` as CreateGroup answers it. */
export interface CreateGroupResult {
  Group: { Path: string; GroupName: string; GroupId: string; Arn: string; CreateDate: string };
}

/** CreateGroup. */
export class CreateGroupCommand extends Command<CreateGroupResult> {
  constructor(
    readonly accountId: string,
    readonly input: Omit<CreateGroupInput, 'now' | 'random'>,
  ) {
    super();
  }

  static fromRequest(accountId: string, dto: CreateGroupRequestDto): CreateGroupCommand {
    return new CreateGroupCommand(accountId, { groupName: dto.GroupName, path: dto.Path });
  }

  /** The reply, from `iam.group-created.v1` (also for an idempotent retry). */
  static resultFrom(events: readonly AccountEvent[]): CreateGroupResult {
    const g = requiredEventOf(events, IamEventType.GroupCreated, 'CreateGroup').payload;
    return {
      Group: {
        Path: g.path,
        GroupName: g.groupName,
        GroupId: g.groupId,
        Arn: g.arn,
        CreateDate: g.createDate,
      },
    };
  }
}
