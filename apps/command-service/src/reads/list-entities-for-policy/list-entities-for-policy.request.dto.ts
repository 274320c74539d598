import { PageRequestDto } from '../shared/pagination';
import { IsArnParameter } from '../../shared/iam-request.decorators';
import {
  IsOptionalOneOf,
  IsOptionalPathPrefix,
  POLICY_USAGE_FILTERS,
  type PolicyUsageFilter,
} from '../shared/read-params';

export const ENTITY_FILTERS = [
  'User',
  'Role',
  'Group',
  'LocalManagedPolicy',
  'AWSManagedPolicy',
] as const;

/** Body of ListEntitiesForPolicy. */
export class ListEntitiesForPolicyRequestDto extends PageRequestDto {
  @IsArnParameter()
  PolicyArn!: string;

  /** Only users, groups or roles; `LocalManagedPolicy`/`AWSManagedPolicy` match the policy's kind. */
  @IsOptionalOneOf(ENTITY_FILTERS)
  EntityFilter?: (typeof ENTITY_FILTERS)[number];

  /** Filters the entities by their path. */
  @IsOptionalPathPrefix()
  PathPrefix?: string;

  /** Attached (`PermissionsPolicy`), as a boundary (`PermissionsBoundary`), or both (absent). */
  @IsOptionalOneOf(POLICY_USAGE_FILTERS)
  PolicyUsageFilter?: PolicyUsageFilter;
}
