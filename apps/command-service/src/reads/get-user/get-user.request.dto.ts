import { IsIamName } from '../../shared/iam-request.decorators';

/** Body of GetUser. (AWS lets a user omit UserName to mean itself; here it is required.) */
export class GetUserRequestDto {
  @IsIamName('user')
  UserName!: string;
}
