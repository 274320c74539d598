import { Command } from '@nestjs/cqrs';
import type { DeleteUserPermissionsBoundaryInput } from '@portcullis/domain';
import { EMPTY_RESULT, type EmptyResult } from '../../shared/iam-response';
import type { DeleteUserPermissionsBoundaryRequestDto } from './delete-user-permissions-boundary.request.dto';

/** DeleteUserPermissionsBoundary: removes the user's permissions boundary. AWS answers nothing. */
export class DeleteUserPermissionsBoundaryCommand extends Command<EmptyResult> {
  constructor(
    readonly accountId: string,
    readonly input: DeleteUserPermissionsBoundaryInput,
  ) {
    super();
  }

  static fromRequest(
    accountId: string,
    dto: DeleteUserPermissionsBoundaryRequestDto,
  ): DeleteUserPermissionsBoundaryCommand {
    return new DeleteUserPermissionsBoundaryCommand(accountId, {
      userName: dto.UserName,
    });
  }

  static resultFrom(): EmptyResult {
    return EMPTY_RESULT;
  }
}
