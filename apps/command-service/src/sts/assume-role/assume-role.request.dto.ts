import {
  ArrayMaxSize,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsTagList } from '../../shared/iam-request.decorators';
import type { TagRequestDto } from '../../shared/tag.request.dto';

/** Body of AssumeRole, with AWS's parameter names and limits. */
export class AssumeRoleRequestDto {
  @Matches(/^arn:aws:iam::\d{12}:role\/(?:[\x21-\x7e]*\/)?[\w+=,.@-]{1,64}$/, {
    message: 'RoleArn must be the ARN of a role',
  })
  RoleArn!: string;

  @Matches(/^[\w+=,.@-]{2,64}$/, {
    message: 'RoleSessionName must be 2-64 characters of letters, digits and +=,.@_-',
  })
  RoleSessionName!: string;

  /** 900 s up to the role's MaxSessionDuration (1 h when a role session assumes a role). */
  @IsOptional()
  @IsInt()
  @Min(900)
  @Max(43_200)
  DurationSeconds?: number;

  /** An inline session policy: the session may do at most what it and the role allow. */
  @IsOptional()
  @IsString()
  @Length(1, 2048)
  Policy?: string;

  @IsOptional()
  @Matches(/^[\w+=,.@:/-]{2,1224}$/, { message: 'ExternalId must be 2-1224 characters' })
  ExternalId?: string;

  @IsOptional()
  @Matches(/^[\w+=,.@-]{2,64}$/, { message: 'SourceIdentity must be 2-64 characters' })
  SourceIdentity?: string;

  /** Session tags: `aws:PrincipalTag/<key>` for the session; `aws:RequestTag` in the trust policy. */
  @IsOptional()
  @IsTagList()
  @ArrayMaxSize(50)
  Tags?: TagRequestDto[];

  @IsOptional()
  @IsString()
  @MaxLength(256)
  SerialNumber?: string;

  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'TokenCode must be 6 digits' })
  TokenCode?: string;
}
