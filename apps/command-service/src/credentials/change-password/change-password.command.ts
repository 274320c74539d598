import { Command } from '@nestjs/cqrs';
import { IamError } from '@portcullis/domain';
import type { CommandCaller } from '../../pipeline/command-definition';
import { EMPTY_RESULT, type EmptyResult } from '../../shared/iam-response';
import { callerUserName } from '../shared/caller-user';
import type { ChangePasswordRequestDto } from './change-password.request.dto';

/**
 * ChangePassword: an IAM user changes its own password, proving the old one. Until
 * authentication lands the caller is whoever `x-portcullis-actor` names; OldPassword is what
 * stops anyone else from changing it.
 */
export class ChangePasswordCommand extends Command<EmptyResult> {
  constructor(
    readonly accountId: string,
    readonly userName: string,
    readonly oldPassword: string,
    readonly newPassword: string,
  ) {
    super();
  }

  static fromRequest(
    accountId: string,
    dto: ChangePasswordRequestDto,
    caller: CommandCaller,
  ): ChangePasswordCommand {
    const userName = callerUserName(caller);
    if (userName === undefined) {
      throw new IamError('InvalidUserType', 'Only IAM users can change their own password.');
    }
    return new ChangePasswordCommand(accountId, userName, dto.OldPassword, dto.NewPassword);
  }

  static resultFrom(): EmptyResult {
    return EMPTY_RESULT;
  }
}
