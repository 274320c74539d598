import { PageRequestDto } from '../shared/pagination';
import { IsIamName } from '../../shared/iam-request.decorators';

/** Body of GetGroup (its Users are paginated). */
export class GetGroupRequestDto extends PageRequestDto {
  @IsIamName('group')
  GroupName!: string;
}
