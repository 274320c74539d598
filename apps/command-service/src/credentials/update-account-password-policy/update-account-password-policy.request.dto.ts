import { IsInt, Max, Min } from 'class-validator';
import { IsFlag, IsOptionalParameter } from '../../shared/iam-request.decorators';

/** Body of UpdateAccountPasswordPolicy: every parameter optional, AWS's default when absent. */
export class UpdateAccountPasswordPolicyRequestDto {
  /** 6–128, default 6. */
  @IsOptionalParameter()
  @IsInt()
  @Min(6)
  @Max(128)
  MinimumPasswordLength?: number;

  @IsOptionalParameter()
  @IsFlag()
  RequireSymbols?: boolean;

  @IsOptionalParameter()
  @IsFlag()
  RequireNumbers?: boolean;

  @IsOptionalParameter()
  @IsFlag()
  RequireUppercaseCharacters?: boolean;

  @IsOptionalParameter()
  @IsFlag()
  RequireLowercaseCharacters?: boolean;

  @IsOptionalParameter()
  @IsFlag()
  AllowUsersToChangePassword?: boolean;

  /** Days, 1–1095; absent = passwords never expire. */
  @IsOptionalParameter()
  @IsInt()
  @Min(1)
  @Max(1095)
  MaxPasswordAge?: number;

  /** 1–24; absent = reuse allowed. */
  @IsOptionalParameter()
  @IsInt()
  @Min(1)
  @Max(24)
  PasswordReusePrevention?: number;

  @IsOptionalParameter()
  @IsFlag()
  HardExpiry?: boolean;
}
