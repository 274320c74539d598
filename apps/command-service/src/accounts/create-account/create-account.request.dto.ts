import { IsAccountName } from '../../shared/iam-request.decorators';

/** Body of CreateAccount, with AWS's parameter names. */
export class CreateAccountRequestDto {
  @IsAccountName()
  AccountName!: string;
}
