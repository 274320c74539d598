import { IsIamName, IsTagList } from '../../shared/iam-request.decorators';
import { TagRequestDto } from '../../shared/tag.request.dto';

/** Body of TagUser, with AWS's parameter names. */
export class TagUserRequestDto {
  @IsIamName('user')
  UserName!: string;

  @IsTagList()
  Tags!: TagRequestDto[];
}
