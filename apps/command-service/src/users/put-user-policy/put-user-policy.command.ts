import { Command } from '@nestjs/cqrs';
import type { PutUserPolicyInput } from '@portcullis/domain';
import { EMPTY_RESULT, type EmptyResult } from '../../shared/iam-response';
import type { PutUserPolicyRequestDto } from './put-user-policy.request.dto';

/** PutUserPolicy: adds or replaces an inline policy of the user. AWS answers nothing. */
export class PutUserPolicyCommand extends Command<EmptyResult> {
  constructor(
    readonly accountId: string,
    readonly input: PutUserPolicyInput,
  ) {
    super();
  }

  static fromRequest(accountId: string, dto: PutUserPolicyRequestDto): PutUserPolicyCommand {
    return new PutUserPolicyCommand(accountId, {
      userName: dto.UserName,
      policyName: dto.PolicyName,
      policyDocument: dto.PolicyDocument,
    });
  }

  static resultFrom(): EmptyResult {
    return EMPTY_RESULT;
  }
}
