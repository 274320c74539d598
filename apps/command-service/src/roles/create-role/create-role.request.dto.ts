import {
  IsArnParameter,
  IsIamName,
  IsIamPath,
  IsMaxSessionDuration,
  IsOptionalParameter,
  IsPolicyDocumentText,
  IsRoleDescription,
  IsTagList,
} from '../../shared/iam-request.decorators';
import { TagRequestDto } from '../../shared/tag.request.dto';

/** Body of CreateRole, with AWS's parameter names. */
export class CreateRoleRequestDto {
  @IsIamName('role')
  RoleName!: string;

  /** Defaults to `/`. */
  @IsOptionalParameter()
  @IsIamPath()
  Path?: string;

  /** The trust policy, JSON text; checked by libs/policy as a trust policy. */
  @IsPolicyDocumentText()
  AssumeRolePolicyDocument!: string;

  @IsOptionalParameter()
  @IsRoleDescription()
  Description?: string;

  /** Seconds; defaults to 3600. */
  @IsOptionalParameter()
  @IsMaxSessionDuration()
  MaxSessionDuration?: number;

  /** ARN of a customer or AWS managed policy to use as its permissions boundary. */
  @IsOptionalParameter()
  @IsArnParameter()
  PermissionsBoundary?: string;

  @IsOptionalParameter()
  @IsTagList()
  Tags?: TagRequestDto[];
}
