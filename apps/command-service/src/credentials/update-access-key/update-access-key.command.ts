import { Command } from '@nestjs/cqrs';
import type { AccessKeyStatus } from '@portcullis/contracts';
import type { CommandCaller } from '../../pipeline/command-definition';
import { EMPTY_RESULT, type EmptyResult } from '../../shared/iam-response';
import { accessKeyTarget, type AccessKeyTarget } from '../shared/caller-user';
import type { UpdateAccessKeyRequestDto } from './update-access-key.request.dto';

/**
 * UpdateAccessKey: Active ⇄ Inactive, of a user's key or (the root leaving UserName out) one of
 * the root's. AWS answers nothing.
 */
export class UpdateAccessKeyCommand extends Command<EmptyResult> {
  constructor(
    readonly accountId: string,
    readonly target: AccessKeyTarget,
    readonly accessKeyId: string,
    readonly status: AccessKeyStatus,
  ) {
    super();
  }

  static fromRequest(
    accountId: string,
    dto: UpdateAccessKeyRequestDto,
    caller: CommandCaller,
  ): UpdateAccessKeyCommand {
    return new UpdateAccessKeyCommand(
      accountId,
      accessKeyTarget(dto.UserName, caller),
      dto.AccessKeyId,
      dto.Status,
    );
  }

  static resultFrom(): EmptyResult {
    return EMPTY_RESULT;
  }
}
