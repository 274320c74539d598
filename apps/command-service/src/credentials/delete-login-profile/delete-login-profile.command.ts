import { Command } from '@nestjs/cqrs';
import type { DeleteLoginProfileInput } from '@portcullis/domain';
import type { CommandCaller } from '../../pipeline/command-definition';
import { EMPTY_RESULT, type EmptyResult } from '../../shared/iam-response';
import { targetUserName } from '../shared/caller-user';
import type { DeleteLoginProfileRequestDto } from './delete-login-profile.request.dto';

/** DeleteLoginProfile: the user can no longer sign in with a password. AWS answers nothing. */
export class DeleteLoginProfileCommand extends Command<EmptyResult> {
  constructor(
    readonly accountId: string,
    readonly input: DeleteLoginProfileInput,
  ) {
    super();
  }

  static fromRequest(
    accountId: string,
    dto: DeleteLoginProfileRequestDto,
    caller: CommandCaller,
  ): DeleteLoginProfileCommand {
    return new DeleteLoginProfileCommand(accountId, {
      userName: targetUserName(dto.UserName, caller),
    });
  }

  static resultFrom(): EmptyResult {
    return EMPTY_RESULT;
  }
}
