import { IsArnParameter, IsIamName } from '../../shared/iam-request.decorators';

/** Body of PutRolePermissionsBoundary, with AWS's parameter names. */
export class PutRolePermissionsBoundaryRequestDto {
  @IsIamName('role')
  RoleName!: string;

  /** ARN of a customer or AWS managed policy. */
  @IsArnParameter()
  PermissionsBoundary!: string;
}
