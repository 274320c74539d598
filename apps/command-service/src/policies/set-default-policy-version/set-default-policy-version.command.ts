import { Command } from '@nestjs/cqrs';
import type { SetDefaultPolicyVersionInput } from '@portcullis/domain';
import { EMPTY_RESULT, type EmptyResult } from '../../shared/iam-response';
import type { SetDefaultPolicyVersionRequestDto } from './set-default-policy-version.request.dto';

/** SetDefaultPolicyVersion: the version every attachment uses from now on. AWS answers nothing. */
export class SetDefaultPolicyVersionCommand extends Command<EmptyResult> {
  constructor(
    readonly accountId: string,
    readonly input: Omit<SetDefaultPolicyVersionInput, 'now'>,
  ) {
    super();
  }

  static fromRequest(
    accountId: string,
    dto: SetDefaultPolicyVersionRequestDto,
  ): SetDefaultPolicyVersionCommand {
    return new SetDefaultPolicyVersionCommand(accountId, {
      policyArn: dto.PolicyArn,
      versionId: dto.VersionId,
    });
  }

  static resultFrom(): EmptyResult {
    return EMPTY_RESULT;
  }
}
