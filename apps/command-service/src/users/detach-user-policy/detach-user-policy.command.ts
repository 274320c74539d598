import { Command } from '@nestjs/cqrs';
import type { DetachUserPolicyInput } from '@portcullis/domain';
import { EMPTY_RESULT, type EmptyResult } from '../../shared/iam-response';
import type { DetachUserPolicyRequestDto } from './detach-user-policy.request.dto';

/** DetachUserPolicy: NoSuchEntity when the policy is not attached to the user. AWS answers nothing. */
export class DetachUserPolicyCommand extends Command<EmptyResult> {
  constructor(
    readonly accountId: string,
    readonly input: DetachUserPolicyInput,
  ) {
    super();
  }

  static fromRequest(accountId: string, dto: DetachUserPolicyRequestDto): DetachUserPolicyCommand {
    return new DetachUserPolicyCommand(accountId, {
      userName: dto.UserName,
      policyArn: dto.PolicyArn,
    });
  }

  static resultFrom(): EmptyResult {
    return EMPTY_RESULT;
  }
}
