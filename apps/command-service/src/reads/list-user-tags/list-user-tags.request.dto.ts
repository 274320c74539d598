import { PageRequestDto } from '../shared/pagination';
import { IsIamName } from '../../shared/iam-request.decorators';

/** Body of ListUserTags. */
export class ListUserTagsRequestDto extends PageRequestDto {
  @IsIamName('user')
  UserName!: string;
}
