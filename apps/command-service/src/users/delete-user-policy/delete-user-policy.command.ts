import { Command } from '@nestjs/cqrs';
import type { DeleteUserPolicyInput } from '@portcullis/domain';
import { EMPTY_RESULT, type EmptyResult } from '../../shared/iam-response';
import type { DeleteUserPolicyRequestDto } from './delete-user-policy.request.dto';

/** DeleteUserPolicy: removes an inline policy of the user. AWS answers nothing. */
export class DeleteUserPolicyCommand extends Command<EmptyResult> {
  constructor(
    readonly accountId: string,
    readonly input: DeleteUserPolicyInput,
  ) {
    super();
  }

  static fromRequest(accountId: string, dto: DeleteUserPolicyRequestDto): DeleteUserPolicyCommand {
    return new DeleteUserPolicyCommand(accountId, {
      userName: dto.UserName,
      policyName: dto.PolicyName,
    });
  }

  static resultFrom(): EmptyResult {
    return EMPTY_RESULT;
  }
}
