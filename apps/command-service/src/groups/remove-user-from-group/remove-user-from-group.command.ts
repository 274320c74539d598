import { Command } from '@nestjs/cqrs';
import type { GroupMembershipInput } from '@portcullis/domain';
import { EMPTY_RESULT, type EmptyResult } from '../../shared/iam-response';
import type { RemoveUserFromGroupRequestDto } from './remove-user-from-group.request.dto';

/** RemoveUserFromGroup: NoSuchEntity when the user is not a member. AWS answers nothing. */
export class RemoveUserFromGroupCommand extends Command<EmptyResult> {
  constructor(
    readonly accountId: string,
    readonly input: GroupMembershipInput,
  ) {
    super();
  }

  static fromRequest(
    accountId: string,
    dto: RemoveUserFromGroupRequestDto,
  ): RemoveUserFromGroupCommand {
    return new RemoveUserFromGroupCommand(accountId, {
      groupName: dto.GroupName,
      userName: dto.UserName,
    });
  }

  static resultFrom(): EmptyResult {
    return EMPTY_RESULT;
  }
}
