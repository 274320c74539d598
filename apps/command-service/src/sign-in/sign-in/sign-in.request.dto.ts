import { IsOptional, Matches } from 'class-validator';
import { IsPassword } from '../../credentials/shared/credential-request.decorators';
import { IsIamName } from '../../shared/iam-request.decorators';

/**
 * Input of the internal SignIn command, sent by the sign-in edge (`POST /signin`) for the
 * account the envelope names. Password and TokenCode travel sealed (Kafka keeps every command).
 */
export class SignInRequestDto {
  @IsIamName('user')
  UserName!: string;

  @IsPassword()
  Password!: string;

  /** A code of an MFA device enabled for the user: required when the user has one. */
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'TokenCode must be 6 digits' })
  TokenCode?: string;
}
