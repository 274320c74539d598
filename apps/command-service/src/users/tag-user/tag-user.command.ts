import { Command } from '@nestjs/cqrs';
import type { TagUserInput } from '@portcullis/domain';
import { EMPTY_RESULT, type EmptyResult } from '../../shared/iam-response';
import { toIamTags } from '../../shared/tag.request.dto';
import type { TagUserRequestDto } from './tag-user.request.dto';

/** TagUser: adds tags, replacing the values of keys the user has (case-insensitively). AWS answers nothing. */
export class TagUserCommand extends Command<EmptyResult> {
  constructor(
    readonly accountId: string,
    readonly input: TagUserInput,
  ) {
    super();
  }

  static fromRequest(accountId: string, dto: TagUserRequestDto): TagUserCommand {
    return new TagUserCommand(accountId, {
      userName: dto.UserName,
      tags: toIamTags(dto.Tags),
    });
  }

  static resultFrom(): EmptyResult {
    return EMPTY_RESULT;
  }
}
