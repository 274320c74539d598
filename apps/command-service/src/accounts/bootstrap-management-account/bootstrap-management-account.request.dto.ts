import { IsOptional, IsString, Matches } from 'class-validator';
import { IsAccountName } from '../../shared/iam-request.decorators';

/** Input of the internal BootstrapManagementAccount command (sent by the service at start). */
export class BootstrapManagementAccountRequestDto {
  @IsAccountName()
  AccountName!: string;

  /** The operator's root key (IAM_BOOTSTRAP_ACCESS_KEY_ID); absent: generate one if the
   *  account is new. */
  @IsOptional()
  @Matches(/^AKIA[A-Z2-7]{16}$/, { message: 'AccessKeyId must be a long-term access key id' })
  AccessKeyId?: string;

  /** Its secret: sealed by the sender for the trip through Kafka, opened by the partition owner. */
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9/+]{40}$/, { message: 'SecretAccessKey must be 40 characters' })
  SecretAccessKey?: string;
}
