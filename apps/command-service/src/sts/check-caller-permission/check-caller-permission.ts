import { CommandHandler, Command, ICommandHandler } from '@nestjs/cqrs';
import type { CallerContext } from '@portcullis/contracts';
import { IsDefined, IsObject, IsString, Length, Matches } from 'class-validator';
import { AccountIamDirectory } from '../../authorization/account.iam-directory';
import { identityAllows } from '../../authorization/identity-allows';
import { AccountRepository } from '../../pipeline/account.repository';
import { Clock } from '../../shared/clock';

/**
 * Internal (sent by the HTTP edge before a cross-account AssumeRole): does the caller's own
 * account allow it `Action` on `Resource` by its identity policies? Answered by that account's
 * writer, from its live state; the edge then states the answer to the role account's writer.
 */
export class CheckCallerPermissionRequestDto {
  @IsString()
  @Length(3, 128)
  Action!: string;

  @IsString()
  @Length(1, 2048)
  Resource!: string;

  @Matches(/^arn:aws:(iam|sts)::\d{12}:\S+$/, { message: 'Actor must be a principal ARN' })
  Actor!: string;

  @IsDefined()
  @IsObject()
  Caller!: CallerContext;
}

export class CheckCallerPermissionCommand extends Command<{ Allowed: boolean }> {
  constructor(
    readonly accountId: string,
    readonly input: CheckCallerPermissionRequestDto,
  ) {
    super();
  }
}

@CommandHandler(CheckCallerPermissionCommand)
export class CheckCallerPermissionHandler implements ICommandHandler<CheckCallerPermissionCommand> {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly clock: Clock,
  ) {}

  async execute(command: CheckCallerPermissionCommand): Promise<{ Allowed: boolean }> {
    const { accountId, input } = command;
    const directory = new AccountIamDirectory(this.accounts.get(accountId));
    return {
      Allowed: identityAllows(
        directory,
        accountId,
        input.Actor,
        input.Action,
        input.Resource,
        input.Caller,
        this.clock.now(),
      ),
    };
  }
}
