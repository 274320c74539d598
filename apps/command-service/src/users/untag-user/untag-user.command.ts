import { Command } from '@nestjs/cqrs';
import type { UntagUserInput } from '@portcullis/domain';
import { EMPTY_RESULT, type EmptyResult } from '../../shared/iam-response';
import type { UntagUserRequestDto } from './untag-user.request.dto';

/** UntagUser: removes tags by key. AWS answers nothing. */
export class UntagUserCommand extends Command<EmptyResult> {
  constructor(
    readonly accountId: string,
    readonly input: UntagUserInput,
  ) {
    super();
  }

  static fromRequest(accountId: string, dto: UntagUserRequestDto): UntagUserCommand {
    return new UntagUserCommand(accountId, {
      userName: dto.UserName,
      tagKeys: dto.TagKeys,
    });
  }

  static resultFrom(): EmptyResult {
    return EMPTY_RESULT;
  }
}
