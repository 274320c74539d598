import {
  IsIamName,
  IsMaxSessionDuration,
  IsOptionalParameter,
  IsRoleDescription,
} from '../../shared/iam-request.decorators';

/** Body of UpdateRole, with AWS's parameter names. */
export class UpdateRoleRequestDto {
  @IsIamName('role')
  RoleName!: string;

  @IsOptionalParameter()
  @IsRoleDescription()
  Description?: string;

  @IsOptionalParameter()
  @IsMaxSessionDuration()
  MaxSessionDuration?: number;
}
