import { Command } from '@nestjs/cqrs';
import type { GroupMembershipInput } from '@portcullis/domain';
import { EMPTY_RESULT, type EmptyResult } from '../../shared/iam-response';
import type { AddUserToGroupRequestDto } from './add-user-to-group.request.dto';

/** AddUserToGroup: adding a member again changes nothing. AWS answers nothing. */
export class AddUserToGroupCommand extends Command<EmptyResult> {
  constructor(
    readonly accountId: string,
    readonly input: GroupMembershipInput,
  ) {
    super();
  }

  static fromRequest(accountId: string, dto: AddUserToGroupRequestDto): AddUserToGroupCommand {
    return new AddUserToGroupCommand(accountId, {
      groupName: dto.GroupName,
      userName: dto.UserName,
    });
  }

  static resultFrom(): EmptyResult {
    return EMPTY_RESULT;
  }
}
