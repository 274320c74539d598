import { Command } from '@nestjs/cqrs';
import type { UpdateUserInput } from '@portcullis/domain';
import { EMPTY_RESULT, type EmptyResult } from '../../shared/iam-response';
import type { UpdateUserRequestDto } from './update-user.request.dto';

/** UpdateUser: a new name and/or path (the user keeps its id). AWS answers nothing. */
export class UpdateUserCommand extends Command<EmptyResult> {
  constructor(
    readonly accountId: string,
    readonly input: UpdateUserInput,
  ) {
    super();
  }

  static fromRequest(accountId: string, dto: UpdateUserRequestDto): UpdateUserCommand {
    return new UpdateUserCommand(accountId, {
      userName: dto.UserName,
      newPath: dto.NewPath,
      newUserName: dto.NewUserName,
    });
  }

  static resultFrom(): EmptyResult {
    return EMPTY_RESULT;
  }
}
