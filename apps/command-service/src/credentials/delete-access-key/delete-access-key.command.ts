import { Command } from '@nestjs/cqrs';
import type { DeleteAccessKeyInput } from '@portcullis/domain';
import type { CommandCaller } from '../../pipeline/command-definition';
import { EMPTY_RESULT, type EmptyResult } from '../../shared/iam-response';
import { targetUserName } from '../shared/caller-user';
import type { DeleteAccessKeyRequestDto } from './delete-access-key.request.dto';

/** DeleteAccessKey. AWS answers nothing. */
export class DeleteAccessKeyCommand extends Command<EmptyResult> {
  constructor(
    readonly accountId: string,
    readonly input: DeleteAccessKeyInput,
  ) {
    super();
  }

  static fromRequest(
    accountId: string,
    dto: DeleteAccessKeyRequestDto,
    caller: CommandCaller,
  ): DeleteAccessKeyCommand {
    return new DeleteAccessKeyCommand(accountId, {
      userName: targetUserName(dto.UserName, caller),
      accessKeyId: dto.AccessKeyId,
    });
  }

  static resultFrom(): EmptyResult {
    return EMPTY_RESULT;
  }
}
