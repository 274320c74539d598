import { IsIamName, IsTagKeyList } from '../../shared/iam-request.decorators';

/** Body of UntagUser, with AWS's parameter names. */
export class UntagUserRequestDto {
  @IsIamName('user')
  UserName!: string;

  /** Keys not on the entity are ignored, as in AWS. */
  @IsTagKeyList()
  TagKeys!: string[];
}
