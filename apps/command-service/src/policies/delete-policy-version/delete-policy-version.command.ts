import { Command } from '@nestjs/cqrs';
import type { PolicyVersionInput } from '@portcullis/domain';
import { EMPTY_RESULT, type EmptyResult } from '../../shared/iam-response';
import type { DeletePolicyVersionRequestDto } from './delete-policy-version.request.dto';

/** DeletePolicyVersion: any version but the default. AWS answers nothing. */
export class DeletePolicyVersionCommand extends Command<EmptyResult> {
  constructor(
    readonly accountId: string,
    readonly input: PolicyVersionInput,
  ) {
    super();
  }

  static fromRequest(
    accountId: string,
    dto: DeletePolicyVersionRequestDto,
  ): DeletePolicyVersionCommand {
    return new DeletePolicyVersionCommand(accountId, {
      policyArn: dto.PolicyArn,
      versionId: dto.VersionId,
    });
  }

  static resultFrom(): EmptyResult {
    return EMPTY_RESULT;
  }
}
