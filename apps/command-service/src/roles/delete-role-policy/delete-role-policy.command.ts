import { Command } from '@nestjs/cqrs';
import type { DeleteRolePolicyInput } from '@portcullis/domain';
import { EMPTY_RESULT, type EmptyResult } from '../../shared/iam-response';
import type { DeleteRolePolicyRequestDto } from './delete-role-policy.request.dto';

/** DeleteRolePolicy: removes an inline policy of the role. AWS answers nothing. */
export class DeleteRolePolicyCommand extends Command<EmptyResult> {
  constructor(
    readonly accountId: string,
    readonly input: DeleteRolePolicyInput,
  ) {
    super();
  }

  static fromRequest(accountId: string, dto: DeleteRolePolicyRequestDto): DeleteRolePolicyCommand {
    return new DeleteRolePolicyCommand(accountId, {
      roleName: dto.RoleName,
      policyName: dto.PolicyName,
    });
  }

  static resultFrom(): EmptyResult {
    return EMPTY_RESULT;
  }
}
