import { Command } from '@nestjs/cqrs';
import type { CommandCaller } from '../../pipeline/command-definition';
import { EMPTY_RESULT, type EmptyResult } from '../../shared/iam-response';
import { accessKeyTarget, type AccessKeyTarget } from '../shared/caller-user';
import type { DeleteAccessKeyRequestDto } from './delete-access-key.request.dto';

/**
 * DeleteAccessKey: a user's key or (the root leaving UserName out) one of the root's. AWS answers
 * nothing.
 */
export class DeleteAccessKeyCommand extends Command<EmptyResult> {
  constructor(
    readonly accountId: string,
    readonly target: AccessKeyTarget,
    readonly accessKeyId: string,
  ) {
    super();
  }

  static fromRequest(
    accountId: string,
    dto: DeleteAccessKeyRequestDto,
    caller: CommandCaller,
  ): DeleteAccessKeyCommand {
    return new DeleteAccessKeyCommand(
      accountId,
      accessKeyTarget(dto.UserName, caller),
      dto.AccessKeyId,
    );
  }

  static resultFrom(): EmptyResult {
    return EMPTY_RESULT;
  }
}
