import { Command } from '@nestjs/cqrs';
import type { DetachGroupPolicyInput } from '@portcullis/domain';
import { EMPTY_RESULT, type EmptyResult } from '../../shared/iam-response';
import type { DetachGroupPolicyRequestDto } from './detach-group-policy.request.dto';

/** DetachGroupPolicy: NoSuchEntity when the policy is not attached to the group. AWS answers nothing. */
export class DetachGroupPolicyCommand extends Command<EmptyResult> {
  constructor(
    readonly accountId: string,
    readonly input: DetachGroupPolicyInput,
  ) {
    super();
  }

  static fromRequest(
    accountId: string,
    dto: DetachGroupPolicyRequestDto,
  ): DetachGroupPolicyCommand {
    return new DetachGroupPolicyCommand(accountId, {
      groupName: dto.GroupName,
      policyArn: dto.PolicyArn,
    });
  }

  static resultFrom(): EmptyResult {
    return EMPTY_RESULT;
  }
}
