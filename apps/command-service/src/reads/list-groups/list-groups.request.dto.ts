import { PageRequestDto } from '../shared/pagination';
import { IsOptionalPathPrefix } from '../shared/read-params';

/** Body of ListGroups. */
export class ListGroupsRequestDto extends PageRequestDto {
  @IsOptionalPathPrefix()
  PathPrefix?: string;
}
