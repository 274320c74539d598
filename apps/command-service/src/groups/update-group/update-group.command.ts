import { Command } from '@nestjs/cqrs';
import type { UpdateGroupInput } from '@portcullis/domain';
import { EMPTY_RESULT, type EmptyResult } from '../../shared/iam-response';
import type { UpdateGroupRequestDto } from './update-group.request.dto';

/** UpdateGroup: a new name and/or path (the group keeps its id and members). AWS answers nothing. */
export class UpdateGroupCommand extends Command<EmptyResult> {
  constructor(
    readonly accountId: string,
    readonly input: UpdateGroupInput,
  ) {
    super();
  }

  static fromRequest(accountId: string, dto: UpdateGroupRequestDto): UpdateGroupCommand {
    return new UpdateGroupCommand(accountId, {
      groupName: dto.GroupName,
      newPath: dto.NewPath,
      newGroupName: dto.NewGroupName,
    });
  }

  static resultFrom(): EmptyResult {
    return EMPTY_RESULT;
  }
}
