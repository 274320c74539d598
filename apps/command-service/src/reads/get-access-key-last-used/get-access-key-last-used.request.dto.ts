import { IsAccessKeyId } from '../../credentials/shared/credential-request.decorators';

/** Body of GetAccessKeyLastUsed. */
export class GetAccessKeyLastUsedRequestDto {
  @IsAccessKeyId()
  AccessKeyId!: string;
}
