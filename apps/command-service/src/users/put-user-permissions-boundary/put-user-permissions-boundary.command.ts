import { Command } from '@nestjs/cqrs';
import type { PutUserPermissionsBoundaryInput } from '@portcullis/domain';
import { EMPTY_RESULT, type EmptyResult } from '../../shared/iam-response';
import type { PutUserPermissionsBoundaryRequestDto } from './put-user-permissions-boundary.request.dto';

/** PutUserPermissionsBoundary: sets or replaces the user's permissions boundary. AWS answers nothing. */
export class PutUserPermissionsBoundaryCommand extends Command<EmptyResult> {
  constructor(
    readonly accountId: string,
    readonly input: PutUserPermissionsBoundaryInput,
  ) {
    super();
  }

  static fromRequest(
    accountId: string,
    dto: PutUserPermissionsBoundaryRequestDto,
  ): PutUserPermissionsBoundaryCommand {
    return new PutUserPermissionsBoundaryCommand(accountId, {
      userName: dto.UserName,
      permissionsBoundary: dto.PermissionsBoundary,
    });
  }

  static resultFrom(): EmptyResult {
    return EMPTY_RESULT;
  }
}
