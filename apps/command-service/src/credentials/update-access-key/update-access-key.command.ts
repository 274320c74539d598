import { Command } from '@nestjs/cqrs';
import type { UpdateAccessKeyInput } from '@portcullis/domain';
import type { CommandCaller } from '../../pipeline/command-definition';
import { EMPTY_RESULT, type EmptyResult } from '../../shared/iam-response';
import { targetUserName } from '../shared/caller-user';
import type { UpdateAccessKeyRequestDto } from './update-access-key.request.dto';

/** UpdateAccessKey: Active ⇄ Inactive. AWS answers nothing. */
export class UpdateAccessKeyCommand extends Command<EmptyResult> {
  constructor(
    readonly accountId: string,
    readonly input: UpdateAccessKeyInput,
  ) {
    super();
  }

  static fromRequest(
    accountId: string,
    dto: UpdateAccessKeyRequestDto,
    caller: CommandCaller,
  ): UpdateAccessKeyCommand {
    return new UpdateAccessKeyCommand(accountId, {
      userName: targetUserName(dto.UserName, caller),
      accessKeyId: dto.AccessKeyId,
      status: dto.Status,
    });
  }

  static resultFrom(): EmptyResult {
    return EMPTY_RESULT;
  }
}
