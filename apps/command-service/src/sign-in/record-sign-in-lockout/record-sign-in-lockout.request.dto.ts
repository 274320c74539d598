import { IsInt, IsISO8601, Max, Min } from 'class-validator';
import { IsIamName } from '../../shared/iam-request.decorators';

/** Input of the internal RecordSignInLockout command (sent by the sign-in edge). */
export class RecordSignInLockoutRequestDto {
  @IsIamName('user')
  UserName!: string;

  /** Consecutive failures that started the lockout. */
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  Failures!: number;

  /** Until when sign-in is refused (ISO 8601). */
  @IsISO8601({ strict: true })
  LockedUntil!: string;
}
