import { Command } from '@nestjs/cqrs';
import type { DeleteGroupInput } from '@portcullis/domain';
import { EMPTY_RESULT, type EmptyResult } from '../../shared/iam-response';
import type { DeleteGroupRequestDto } from './delete-group.request.dto';

/** DeleteGroup: only a group without members and without policies. AWS answers nothing. */
export class DeleteGroupCommand extends Command<EmptyResult> {
  constructor(
    readonly accountId: string,
    readonly input: DeleteGroupInput,
  ) {
    super();
  }

  static fromRequest(accountId: string, dto: DeleteGroupRequestDto): DeleteGroupCommand {
    return new DeleteGroupCommand(accountId, {
      groupName: dto.GroupName,
    });
  }

  static resultFrom(): EmptyResult {
    return EMPTY_RESULT;
  }
}
