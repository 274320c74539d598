import { Command } from '@nestjs/cqrs';
import type { PutRolePolicyInput } from '@portcullis/domain';
import { EMPTY_RESULT, type EmptyResult } from '../../shared/iam-response';
import type { PutRolePolicyRequestDto } from './put-role-policy.request.dto';

/** PutRolePolicy: adds or replaces an inline policy of the role. AWS answers nothing. */
export class PutRolePolicyCommand extends Command<EmptyResult> {
  constructor(
    readonly accountId: string,
    readonly input: PutRolePolicyInput,
  ) {
    super();
  }

  static fromRequest(accountId: string, dto: PutRolePolicyRequestDto): PutRolePolicyCommand {
    return new PutRolePolicyCommand(accountId, {
      roleName: dto.RoleName,
      policyName: dto.PolicyName,
      policyDocument: dto.PolicyDocument,
    });
  }

  static resultFrom(): EmptyResult {
    return EMPTY_RESULT;
  }
}
