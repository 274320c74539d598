import { IsIamPath, IsOptionalParameter, IsTagList } from '../../shared/iam-request.decorators';
import { TagRequestDto } from '../../shared/tag.request.dto';
import { IsVirtualMfaDeviceName } from '../shared/credential-request.decorators';

/** Body of CreateVirtualMFADevice. */
export class CreateVirtualMfaDeviceRequestDto {
  @IsVirtualMfaDeviceName()
  VirtualMFADeviceName!: string;

  /** Defaults to `/`. */
  @IsOptionalParameter()
  @IsIamPath()
  Path?: string;

  @IsOptionalParameter()
  @IsTagList()
  Tags?: TagRequestDto[];
}
