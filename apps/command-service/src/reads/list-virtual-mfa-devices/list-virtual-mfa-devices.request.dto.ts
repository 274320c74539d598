import { IsIn } from 'class-validator';
import type { MfaAssignmentStatus } from '@portcullis/domain';
import { IsOptionalParameter } from '../../shared/iam-request.decorators';
import { PageRequestDto } from '../shared/pagination';

/** Body of ListVirtualMFADevices. */
export class ListVirtualMfaDevicesRequestDto extends PageRequestDto {
  /** `Assigned`, `Unassigned` or `Any` (default). */
  @IsOptionalParameter()
  @IsIn(['Assigned', 'Unassigned', 'Any'])
  AssignmentStatus?: MfaAssignmentStatus;
}
