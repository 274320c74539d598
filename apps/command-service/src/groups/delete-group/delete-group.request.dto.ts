import { IsIamName } from '../../shared/iam-request.decorators';

/** Body of DeleteGroup, with AWS's parameter names. */
export class DeleteGroupRequestDto {
  @IsIamName('group')
  GroupName!: string;
}
