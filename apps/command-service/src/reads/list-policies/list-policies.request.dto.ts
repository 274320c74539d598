import type { PolicyScope } from '@portcullis/domain';
import { IsFlag, IsOptionalParameter } from '../../shared/iam-request.decorators';
import { PageRequestDto } from '../shared/pagination';
import {
  IsOptionalOneOf,
  IsOptionalPathPrefix,
  POLICY_USAGE_FILTERS,
  type PolicyUsageFilter,
} from '../shared/read-params';

export const POLICY_SCOPES: readonly PolicyScope[] = ['All', 'AWS', 'Local'];

/** Body of ListPolicies. */
export class ListPoliciesRequestDto extends PageRequestDto {
  /** `Local` (customer managed), `AWS` (AWS managed) or `All` (default). */
  @IsOptionalOneOf(POLICY_SCOPES)
  Scope?: PolicyScope;

  /** Only policies in use: attached (or, with PolicyUsageFilter PermissionsBoundary, boundaries). */
  @IsOptionalParameter()
  @IsFlag()
  OnlyAttached?: boolean;

  @IsOptionalPathPrefix()
  PathPrefix?: string;

  @IsOptionalOneOf(POLICY_USAGE_FILTERS)
  PolicyUsageFilter?: PolicyUsageFilter;
}
