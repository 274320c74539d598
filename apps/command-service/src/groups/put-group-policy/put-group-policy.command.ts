import { Command } from '@nestjs/cqrs';
import type { PutGroupPolicyInput } from '@portcullis/domain';
import { EMPTY_RESULT, type EmptyResult } from '../../shared/iam-response';
import type { PutGroupPolicyRequestDto } from './put-group-policy.request.dto';

/** PutGroupPolicy: adds or replaces an inline policy of the group. AWS answers nothing. */
export class PutGroupPolicyCommand extends Command<EmptyResult> {
  constructor(
    readonly accountId: string,
    readonly input: PutGroupPolicyInput,
  ) {
    super();
  }

  static fromRequest(accountId: string, dto: PutGroupPolicyRequestDto): PutGroupPolicyCommand {
    return new PutGroupPolicyCommand(accountId, {
      groupName: dto.GroupName,
      policyName: dto.PolicyName,
      policyDocument: dto.PolicyDocument,
    });
  }

  static resultFrom(): EmptyResult {
    return EMPTY_RESULT;
  }
}
