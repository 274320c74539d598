import { Command } from '@nestjs/cqrs';
import { EMPTY_RESULT, type EmptyResult } from '../../shared/iam-response';
import type { UpdateLoginProfileRequestDto } from './update-login-profile.request.dto';

/** UpdateLoginProfile: a new password and/or reset flag; AWS answers nothing. */
export class UpdateLoginProfileCommand extends Command<EmptyResult> {
  constructor(
    readonly accountId: string,
    readonly userName: string,
    readonly password: string | undefined,
    readonly passwordResetRequired: boolean | undefined,
  ) {
    super();
  }

  static fromRequest(
    accountId: string,
    dto: UpdateLoginProfileRequestDto,
  ): UpdateLoginProfileCommand {
    return new UpdateLoginProfileCommand(
      accountId,
      dto.UserName,
      dto.Password,
      dto.PasswordResetRequired,
    );
  }

  static resultFrom(): EmptyResult {
    return EMPTY_RESULT;
  }
}
