import { Command } from '@nestjs/cqrs';
import { IamEventType } from '@portcullis/contracts';
import type { AccountEvent } from '@portcullis/domain';
import type { CommandCaller } from '../../pipeline/command-definition';
import { requiredEventOf } from '../../shared/iam-response';
import { targetUserName } from '../shared/caller-user';
import type { CreateLoginProfileRequestDto } from './create-login-profile.request.dto';

/** AWS's `LoginProfile` (CreateLoginProfile, GetLoginProfile): never the password. */
export interface LoginProfileResult {
  LoginProfile: { UserName: string; CreateDate: string; PasswordResetRequired: boolean };
}

/**
 * CreateLoginProfile: a console password for the user. The password lives in this in-memory
 * command only; the handler checks it against the policy and hands the domain its hash.
 */
export class CreateLoginProfileCommand extends Command<LoginProfileResult> {
  constructor(
    readonly accountId: string,
    readonly userName: string,
    readonly password: string,
    readonly passwordResetRequired: boolean,
  ) {
    super();
  }

  static fromRequest(
    accountId: string,
    dto: CreateLoginProfileRequestDto,
    caller: CommandCaller,
  ): CreateLoginProfileCommand {
    return new CreateLoginProfileCommand(
      accountId,
      targetUserName(dto.UserName, caller),
      dto.Password,
      dto.PasswordResetRequired ?? false,
    );
  }

  static resultFrom(events: readonly AccountEvent[]): LoginProfileResult {
    const p = requiredEventOf(
      events,
      IamEventType.LoginProfileCreated,
      'CreateLoginProfile',
    ).payload;
    return {
      LoginProfile: {
        UserName: p.userName,
        CreateDate: p.createDate,
        PasswordResetRequired: p.passwordResetRequired,
      },
    };
  }
}
