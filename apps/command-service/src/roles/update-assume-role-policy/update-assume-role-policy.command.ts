import { Command } from '@nestjs/cqrs';
import type { UpdateAssumeRolePolicyInput } from '@portcullis/domain';
import { EMPTY_RESULT, type EmptyResult } from '../../shared/iam-response';
import type { UpdateAssumeRolePolicyRequestDto } from './update-assume-role-policy.request.dto';

/** UpdateAssumeRolePolicy: replaces the role's trust policy. AWS answers nothing. */
export class UpdateAssumeRolePolicyCommand extends Command<EmptyResult> {
  constructor(
    readonly accountId: string,
    readonly input: UpdateAssumeRolePolicyInput,
  ) {
    super();
  }

  static fromRequest(
    accountId: string,
    dto: UpdateAssumeRolePolicyRequestDto,
  ): UpdateAssumeRolePolicyCommand {
    return new UpdateAssumeRolePolicyCommand(accountId, {
      roleName: dto.RoleName,
      policyDocument: dto.PolicyDocument,
    });
  }

  static resultFrom(): EmptyResult {
    return EMPTY_RESULT;
  }
}
