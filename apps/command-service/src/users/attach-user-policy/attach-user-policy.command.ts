import { Command } from '@nestjs/cqrs';
import type { AttachUserPolicyInput } from '@portcullis/domain';
import { EMPTY_RESULT, type EmptyResult } from '../../shared/iam-response';
import type { AttachUserPolicyRequestDto } from './attach-user-policy.request.dto';

/** AttachUserPolicy: a customer or AWS managed policy; attaching it again changes nothing. AWS answers nothing. */
export class AttachUserPolicyCommand extends Command<EmptyResult> {
  constructor(
    readonly accountId: string,
    readonly input: AttachUserPolicyInput,
  ) {
    super();
  }

  static fromRequest(accountId: string, dto: AttachUserPolicyRequestDto): AttachUserPolicyCommand {
    return new AttachUserPolicyCommand(accountId, {
      userName: dto.UserName,
      policyArn: dto.PolicyArn,
    });
  }

  static resultFrom(): EmptyResult {
    return EMPTY_RESULT;
  }
}
