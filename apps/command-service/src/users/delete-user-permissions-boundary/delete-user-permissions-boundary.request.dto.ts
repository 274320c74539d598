import { IsIamName } from '../../shared/iam-request.decorators';

/** Body of DeleteUserPermissionsBoundary, with AWS's parameter names. */
export class DeleteUserPermissionsBoundaryRequestDto {
  @IsIamName('user')
  UserName!: string;
}
