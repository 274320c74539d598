import { Command } from '@nestjs/cqrs';
import type { UpdateRoleInput } from '@portcullis/domain';
import { EMPTY_RESULT, type EmptyResult } from '../../shared/iam-response';
import type { UpdateRoleRequestDto } from './update-role.request.dto';

/** UpdateRole: a new description and/or maximum session duration; what is left out stays. AWS answers nothing. */
export class UpdateRoleCommand extends Command<EmptyResult> {
  constructor(
    readonly accountId: string,
    readonly input: UpdateRoleInput,
  ) {
    super();
  }

  static fromRequest(accountId: string, dto: UpdateRoleRequestDto): UpdateRoleCommand {
    return new UpdateRoleCommand(accountId, {
      roleName: dto.RoleName,
      description: dto.Description,
      maxSessionDuration: dto.MaxSessionDuration,
    });
  }

  static resultFrom(): EmptyResult {
    return EMPTY_RESULT;
  }
}
