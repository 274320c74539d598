import { PageRequestDto } from '../shared/pagination';
import { IsIamName } from '../../shared/iam-request.decorators';

/** Body of ListGroupsForUser. */
export class ListGroupsForUserRequestDto extends PageRequestDto {
  @IsIamName('user')
  UserName!: string;
}
