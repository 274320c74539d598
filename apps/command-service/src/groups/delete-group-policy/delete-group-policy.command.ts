import { Command } from '@nestjs/cqrs';
import type { DeleteGroupPolicyInput } from '@portcullis/domain';
import { EMPTY_RESULT, type EmptyResult } from '../../shared/iam-response';
import type { DeleteGroupPolicyRequestDto } from './delete-group-policy.request.dto';

/** DeleteGroupPolicy: removes an inline policy of the group. AWS answers nothing. */
export class DeleteGroupPolicyCommand extends Command<EmptyResult> {
  constructor(
    readonly accountId: string,
    readonly input: DeleteGroupPolicyInput,
  ) {
    super();
  }

  static fromRequest(
    accountId: string,
    dto: DeleteGroupPolicyRequestDto,
  ): DeleteGroupPolicyCommand {
    return new DeleteGroupPolicyCommand(accountId, {
      groupName: dto.GroupName,
      policyName: dto.PolicyName,
    });
  }

  static resultFrom(): EmptyResult {
    return EMPTY_RESULT;
  }
}
