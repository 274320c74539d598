import { Command } from '@nestjs/cqrs';
import type { DeletePolicyInput } from '@portcullis/domain';
import { EMPTY_RESULT, type EmptyResult } from '../../shared/iam-response';
import type { DeletePolicyRequestDto } from './delete-policy.request.dto';

/** DeletePolicy: only a policy attached to nothing, with no version but the default. AWS answers nothing. */
export class DeletePolicyCommand extends Command<EmptyResult> {
  constructor(
    readonly accountId: string,
    readonly input: DeletePolicyInput,
  ) {
    super();
  }

  static fromRequest(accountId: string, dto: DeletePolicyRequestDto): DeletePolicyCommand {
    return new DeletePolicyCommand(accountId, {
      policyArn: dto.PolicyArn,
    });
  }

  static resultFrom(): EmptyResult {
    return EMPTY_RESULT;
  }
}
