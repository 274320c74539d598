import { Command } from '@nestjs/cqrs';
import type { AttachGroupPolicyInput } from '@portcullis/domain';
import { EMPTY_RESULT, type EmptyResult } from '../../shared/iam-response';
import type { AttachGroupPolicyRequestDto } from './attach-group-policy.request.dto';

/** AttachGroupPolicy: a customer or AWS managed policy; attaching it again changes nothing. AWS answers nothing. */
export class AttachGroupPolicyCommand extends Command<EmptyResult> {
  constructor(
    readonly accountId: string,
    readonly input: AttachGroupPolicyInput,
  ) {
    super();
  }

  static fromRequest(
    accountId: string,
    dto: AttachGroupPolicyRequestDto,
  ): AttachGroupPolicyCommand {
    return new AttachGroupPolicyCommand(accountId, {
      groupName: dto.GroupName,
      policyArn: dto.PolicyArn,
    });
  }

  static resultFrom(): EmptyResult {
    return EMPTY_RESULT;
  }
}
