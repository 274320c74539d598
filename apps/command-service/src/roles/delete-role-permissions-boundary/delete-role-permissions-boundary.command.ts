import { Command } from '@nestjs/cqrs';
import type { DeleteRolePermissionsBoundaryInput } from '@portcullis/domain';
import { EMPTY_RESULT, type EmptyResult } from '../../shared/iam-response';
import type { DeleteRolePermissionsBoundaryRequestDto } from './delete-role-permissions-boundary.request.dto';

/** DeleteRolePermissionsBoundary: removes the role's permissions boundary. AWS answers nothing. */
export class DeleteRolePermissionsBoundaryCommand extends Command<EmptyResult> {
  constructor(
    readonly accountId: string,
    readonly input: DeleteRolePermissionsBoundaryInput,
  ) {
    super();
  }

  static fromRequest(
    accountId: string,
    dto: DeleteRolePermissionsBoundaryRequestDto,
  ): DeleteRolePermissionsBoundaryCommand {
    return new DeleteRolePermissionsBoundaryCommand(accountId, {
      roleName: dto.RoleName,
    });
  }

  static resultFrom(): EmptyResult {
    return EMPTY_RESULT;
  }
}
