import { Command } from '@nestjs/cqrs';
import { validatePasswordPolicy } from '@portcullis/credentials';
import { IamError, type UpdateAccountPasswordPolicyInput } from '@portcullis/domain';
import { EMPTY_RESULT, type EmptyResult } from '../../shared/iam-response';
import type { UpdateAccountPasswordPolicyRequestDto } from './update-account-password-policy.request.dto';

/**
 * UpdateAccountPasswordPolicy: replaces the whole policy, AWS's default for every parameter left
 * out (as AWS does: it is not a patch). AWS answers nothing.
 */
export class UpdateAccountPasswordPolicyCommand extends Command<EmptyResult> {
  constructor(
    readonly accountId: string,
    readonly input: UpdateAccountPasswordPolicyInput,
  ) {
    super();
  }

  static fromRequest(
    accountId: string,
    dto: UpdateAccountPasswordPolicyRequestDto,
  ): UpdateAccountPasswordPolicyCommand {
    // The DTO checked types and ranges; this applies AWS's defaults (and checks again).
    const checked = validatePasswordPolicy({ ...dto });
    if (!checked.ok) throw new IamError('ValidationError', checked.message);
    return new UpdateAccountPasswordPolicyCommand(accountId, { policy: { ...checked.policy } });
  }

  static resultFrom(): EmptyResult {
    return EMPTY_RESULT;
  }
}
