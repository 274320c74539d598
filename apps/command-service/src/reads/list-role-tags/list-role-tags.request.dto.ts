import { PageRequestDto } from '../shared/pagination';
import { IsIamName } from '../../shared/iam-request.decorators';

/** Body of ListRoleTags. */
export class ListRoleTagsRequestDto extends PageRequestDto {
  @IsIamName('role')
  RoleName!: string;
}
