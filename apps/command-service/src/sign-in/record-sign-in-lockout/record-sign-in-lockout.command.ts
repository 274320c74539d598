import { Command } from '@nestjs/cqrs';
import type { CommandCaller } from '../../pipeline/command-definition';
import { EMPTY_RESULT, type EmptyResult } from '../../shared/iam-response';
import type { RecordSignInLockoutRequestDto } from './record-sign-in-lockout.request.dto';

/**
 * RecordSignInLockout (internal): the audit record of a sign-in lockout,
 * `iam.sign-in-locked-out.v1`. The sign-in edge counts failures and decides the lockout; this
 * only writes it down, with the source address the edge states in the caller context.
 */
export class RecordSignInLockoutCommand extends Command<EmptyResult> {
  constructor(
    readonly accountId: string,
    readonly userName: string,
    readonly failures: number,
    readonly lockedUntil: Date,
    readonly sourceIp: string | undefined,
  ) {
    super();
  }

  static fromRequest(
    accountId: string,
    dto: RecordSignInLockoutRequestDto,
    caller: CommandCaller,
  ): RecordSignInLockoutCommand {
    return new RecordSignInLockoutCommand(
      accountId,
      dto.UserName,
      dto.Failures,
      new Date(dto.LockedUntil),
      caller.context?.sourceIp,
    );
  }

  static resultFrom(): EmptyResult {
    return EMPTY_RESULT;
  }
}
