import { Command } from '@nestjs/cqrs';
import type { AttachRolePolicyInput } from '@portcullis/domain';
import { EMPTY_RESULT, type EmptyResult } from '../../shared/iam-response';
import type { AttachRolePolicyRequestDto } from './attach-role-policy.request.dto';

/** AttachRolePolicy: a customer or AWS managed policy; attaching it again changes nothing. AWS answers nothing. */
export class AttachRolePolicyCommand extends Command<EmptyResult> {
  constructor(
    readonly accountId: string,
    readonly input: AttachRolePolicyInput,
  ) {
    super();
  }

  static fromRequest(accountId: string, dto: AttachRolePolicyRequestDto): AttachRolePolicyCommand {
    return new AttachRolePolicyCommand(accountId, {
      roleName: dto.RoleName,
      policyArn: dto.PolicyArn,
    });
  }

  static resultFrom(): EmptyResult {
    return EMPTY_RESULT;
  }
}
