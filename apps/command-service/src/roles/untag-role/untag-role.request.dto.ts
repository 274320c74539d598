import { IsIamName, IsTagKeyList } from '../../shared/iam-request.decorators';

/** Body of UntagRole, with AWS's parameter names. */
export class UntagRoleRequestDto {
  @IsIamName('role')
  RoleName!: string;

  /** Keys not on the entity are ignored, as in AWS. */
  @IsTagKeyList()
  TagKeys!: string[];
}
