import { Command } from '@nestjs/cqrs';
import type { DeleteRoleInput } from '@portcullis/domain';
import { EMPTY_RESULT, type EmptyResult } from '../../shared/iam-response';
import type { DeleteRoleRequestDto } from './delete-role.request.dto';

/** DeleteRole: only a role without policies (its boundary goes with it). AWS answers nothing. */
export class DeleteRoleCommand extends Command<EmptyResult> {
  constructor(
    readonly accountId: string,
    readonly input: DeleteRoleInput,
  ) {
    super();
  }

  static fromRequest(accountId: string, dto: DeleteRoleRequestDto): DeleteRoleCommand {
    return new DeleteRoleCommand(accountId, {
      roleName: dto.RoleName,
    });
  }

  static resultFrom(): EmptyResult {
    return EMPTY_RESULT;
  }
}
