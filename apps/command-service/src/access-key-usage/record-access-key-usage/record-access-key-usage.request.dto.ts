import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsISO8601,
  IsString,
  Matches,
  ValidateNested,
} from 'class-validator';
import { IsAccessKeyId } from '../../credentials/shared/credential-request.decorators';

/** Keys at most in one RecordAccessKeyUsage (the recorder splits a larger batch). */
export const MAX_USAGE_PER_COMMAND = 100;

/** A SigV4 scope part: the service (`iam`, `sts`) or the region (`us-east-1`). */
const SCOPE_PART = /^[a-z0-9-]{1,64}$/;

/** One key's latest use, as the HTTP edge saw it. */
export class AccessKeyUsageRequestDto {
  @IsAccessKeyId()
  AccessKeyId!: string;

  /** ISO 8601; recorded to the minute. */
  @IsISO8601({ strict: true })
  LastUsedDate!: string;

  @IsString()
  @Matches(SCOPE_PART, { message: '$property must be 1-64 of [a-z0-9-]' })
  ServiceName!: string;

  @IsString()
  @Matches(SCOPE_PART, { message: '$property must be 1-64 of [a-z0-9-]' })
  Region!: string;
}

/** Input of the internal RecordAccessKeyUsage command (sent by the HTTP edge's recorder). */
export class RecordAccessKeyUsageRequestDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_USAGE_PER_COMMAND)
  @ValidateNested({ each: true })
  @Type(() => AccessKeyUsageRequestDto)
  Usage!: AccessKeyUsageRequestDto[];
}
