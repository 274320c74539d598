import { Command } from '@nestjs/cqrs';
import type { UntagRoleInput } from '@portcullis/domain';
import { EMPTY_RESULT, type EmptyResult } from '../../shared/iam-response';
import type { UntagRoleRequestDto } from './untag-role.request.dto';

/** UntagRole: removes tags by key. AWS answers nothing. */
export class UntagRoleCommand extends Command<EmptyResult> {
  constructor(
    readonly accountId: string,
    readonly input: UntagRoleInput,
  ) {
    super();
  }

  static fromRequest(accountId: string, dto: UntagRoleRequestDto): UntagRoleCommand {
    return new UntagRoleCommand(accountId, {
      roleName: dto.RoleName,
      tagKeys: dto.TagKeys,
    });
  }

  static resultFrom(): EmptyResult {
    return EMPTY_RESULT;
  }
}
