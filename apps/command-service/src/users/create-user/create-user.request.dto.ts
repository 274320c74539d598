import {
  IsArnParameter,
  IsIamName,
  IsIamPath,
  IsOptionalParameter,
  IsTagList,
} from '../../shared/iam-request.decorators';
import { TagRequestDto } from '../../shared/tag.request.dto';

/** Body of CreateUser, with AWS's parameter names. */
export class CreateUserRequestDto {
  @IsIamName('user')
  UserName!: string;

  /** Defaults to `/`. */
  @IsOptionalParameter()
  @IsIamPath()
  Path?: string;

  /** ARN of a customer or AWS managed policy to use as its permissions boundary. */
  @IsOptionalParameter()
  @IsArnParameter()
  PermissionsBoundary?: string;

  @IsOptionalParameter()
  @IsTagList()
  Tags?: TagRequestDto[];
}
