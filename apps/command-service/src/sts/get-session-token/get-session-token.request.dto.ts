import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

/** Body of GetSessionToken, with AWS's parameter names. */
export class GetSessionTokenRequestDto {
  /** 900–129,600 s (the root: at most 3,600); default 43,200. */
  @IsOptional()
  @IsInt()
  @Min(900)
  @Max(129_600)
  DurationSeconds?: number;

  /** The caller's MFA device (its ARN); with TokenCode. */
  @IsOptional()
  @IsString()
  @Length(9, 256)
  SerialNumber?: string;

  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'TokenCode must be 6 digits' })
  TokenCode?: string;
}
