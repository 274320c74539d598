import { IsOptional, Matches } from 'class-validator';
import { IsPassword } from '../credentials/shared/credential-request.decorators';
import { IsIamName } from '../shared/iam-request.decorators';

/** Body of `POST /signin`. Messages name the member, never its value. */
export class SignInFormRequestDto {
  @Matches(/^\d{12}$/, { message: 'AccountId must be 12 digits' })
  AccountId!: string;

  @IsIamName('user')
  UserName!: string;

  @IsPassword()
  Password!: string;

  /** The current code of the user's MFA device: required when the user has one. */
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'TokenCode must be 6 digits' })
  TokenCode?: string;
}
