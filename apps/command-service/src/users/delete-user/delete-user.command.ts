import { Command } from '@nestjs/cqrs';
import type { DeleteUserInput } from '@portcullis/domain';
import { EMPTY_RESULT, type EmptyResult } from '../../shared/iam-response';
import type { DeleteUserRequestDto } from './delete-user.request.dto';

/** DeleteUser: only a user in no group and without policies (its boundary goes with it). AWS answers nothing. */
export class DeleteUserCommand extends Command<EmptyResult> {
  constructor(
    readonly accountId: string,
    readonly input: DeleteUserInput,
  ) {
    super();
  }

  static fromRequest(accountId: string, dto: DeleteUserRequestDto): DeleteUserCommand {
    return new DeleteUserCommand(accountId, {
      userName: dto.UserName,
    });
  }

  static resultFrom(): EmptyResult {
    return EMPTY_RESULT;
  }
}
