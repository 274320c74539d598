import { IsArnParameter, IsIamName } from '../../shared/iam-request.decorators';

/** Body of PutUserPermissionsBoundary, with AWS's parameter names. */
export class PutUserPermissionsBoundaryRequestDto {
  @IsIamName('user')
  UserName!: string;

  /** ARN of a customer or AWS managed policy. */
  @IsArnParameter()
  PermissionsBoundary!: string;
}
