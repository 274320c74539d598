import { Command } from '@nestjs/cqrs';
import type { TagRoleInput } from '@portcullis/domain';
import { EMPTY_RESULT, type EmptyResult } from '../../shared/iam-response';
import { toIamTags } from '../../shared/tag.request.dto';
import type { TagRoleRequestDto } from './tag-role.request.dto';

/** TagRole: adds tags, replacing the values of keys the role has (case-insensitively). AWS answers nothing. */
export class TagRoleCommand extends Command<EmptyResult> {
  constructor(
    readonly accountId: string,
    readonly input: TagRoleInput,
  ) {
    super();
  }

  static fromRequest(accountId: string, dto: TagRoleRequestDto): TagRoleCommand {
    return new TagRoleCommand(accountId, {
      roleName: dto.RoleName,
      tags: toIamTags(dto.Tags),
    });
  }

  static resultFrom(): EmptyResult {
    return EMPTY_RESULT;
  }
}
