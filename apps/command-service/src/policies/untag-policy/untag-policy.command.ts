import { Command } from '@nestjs/cqrs';
import type { UntagPolicyInput } from '@portcullis/domain';
import { EMPTY_RESULT, type EmptyResult } from '../../shared/iam-response';
import type { UntagPolicyRequestDto } from './untag-policy.request.dto';

/** UntagPolicy: removes tags by key. AWS answers nothing. */
export class UntagPolicyCommand extends Command<EmptyResult> {
  constructor(
    readonly accountId: string,
    readonly input: UntagPolicyInput,
  ) {
    super();
  }

  static fromRequest(accountId: string, dto: UntagPolicyRequestDto): UntagPolicyCommand {
    return new UntagPolicyCommand(accountId, {
      policyArn: dto.PolicyArn,
      tagKeys: dto.TagKeys,
    });
  }

  static resultFrom(): EmptyResult {
    return EMPTY_RESULT;
  }
}
