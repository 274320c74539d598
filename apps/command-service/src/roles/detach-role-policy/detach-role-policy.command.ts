import { Command } from '@nestjs/cqrs';
import type { DetachRolePolicyInput } from '@portcullis/domain';
import { EMPTY_RESULT, type EmptyResult } from '../../shared/iam-response';
import type { DetachRolePolicyRequestDto } from './detach-role-policy.request.dto';

/** DetachRolePolicy: NoSuchEntity when the policy is not attached to the role. AWS answers nothing. */
export class DetachRolePolicyCommand extends Command<EmptyResult> {
  constructor(
    readonly accountId: string,
    readonly input: DetachRolePolicyInput,
  ) {
    super();
  }

  static fromRequest(accountId: string, dto: DetachRolePolicyRequestDto): DetachRolePolicyCommand {
    return new DetachRolePolicyCommand(accountId, {
      roleName: dto.RoleName,
      policyArn: dto.PolicyArn,
    });
  }

  static resultFrom(): EmptyResult {
    return EMPTY_RESULT;
  }
}
