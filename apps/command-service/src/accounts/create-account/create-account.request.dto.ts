import { IsOptional, IsString, Matches } from 'class-validator';
import { IsAccountName } from '../../shared/iam-request.decorators';

/** Body of CreateAccount, with AWS's parameter names. */
export class CreateAccountRequestDto {
  @IsAccountName()
  AccountName!: string;

  /**
   * Not AWS's: the id the new account gets (moving an existing tenant over with its id, tests).
   * Absent: a new random id. The HTTP edge routes the command by it.
   */
  @IsOptional()
  @IsString()
  @Matches(/^\d{12}$/, { message: 'AccountId must be 12 digits' })
  AccountId?: string;
}
