import { IsOptional, IsString, Length, Matches } from 'class-validator';
import {
  IAM_NAME_MESSAGE,
  IAM_NAME_PATTERN,
  IAM_PATH_MESSAGE,
  IAM_PATH_PATTERN,
} from '../../shared/iam-validation';

/** Body of CreateUser, with AWS's parameter names. */
export class CreateUserRequestDto {
  @IsString()
  @Length(1, 64)
  @Matches(IAM_NAME_PATTERN, { message: IAM_NAME_MESSAGE })
  UserName!: string;

  @IsOptional()
  @IsString()
  @Length(1, 512)
  @Matches(IAM_PATH_PATTERN, { message: IAM_PATH_MESSAGE })
  Path?: string;
}
