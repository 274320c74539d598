import { IsIamName, IsTagList } from '../../shared/iam-request.decorators';
import { TagRequestDto } from '../../shared/tag.request.dto';

/** Body of TagRole, with AWS's parameter names. */
export class TagRoleRequestDto {
  @IsIamName('role')
  RoleName!: string;

  @IsTagList()
  Tags!: TagRequestDto[];
}
