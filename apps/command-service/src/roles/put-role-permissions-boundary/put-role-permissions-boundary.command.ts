import { Command } from '@nestjs/cqrs';
import type { PutRolePermissionsBoundaryInput } from '@portcullis/domain';
import { EMPTY_RESULT, type EmptyResult } from '../../shared/iam-response';
import type { PutRolePermissionsBoundaryRequestDto } from './put-role-permissions-boundary.request.dto';

/** PutRolePermissionsBoundary: sets or replaces the role's permissions boundary. AWS answers nothing. */
export class PutRolePermissionsBoundaryCommand extends Command<EmptyResult> {
  constructor(
    readonly accountId: string,
    readonly input: PutRolePermissionsBoundaryInput,
  ) {
    super();
  }

  static fromRequest(
    accountId: string,
    dto: PutRolePermissionsBoundaryRequestDto,
  ): PutRolePermissionsBoundaryCommand {
    return new PutRolePermissionsBoundaryCommand(accountId, {
      roleName: dto.RoleName,
      permissionsBoundary: dto.PermissionsBoundary,
    });
  }

  static resultFrom(): EmptyResult {
    return EMPTY_RESULT;
  }
}
