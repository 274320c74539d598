import { IsIamName } from '../../shared/iam-request.decorators';

/** Body of DeleteRolePermissionsBoundary, with AWS's parameter names. */
export class DeleteRolePermissionsBoundaryRequestDto {
  @IsIamName('role')
  RoleName!: string;
}
