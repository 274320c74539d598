import { applyDecorators } from '@nestjs/common';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import { IsOptionalParameter } from '../../shared/iam-request.decorators';
import { IAM_PATH_MAX } from '../../shared/iam-validation';

/**
 * Parameters only the read APIs take (names, ARNs and version ids use the decorators of
 * shared/iam-request.decorators.ts, as the writes do).
 */

/** `PathPrefix`: `/` then printable ASCII, at most 512; optional (default `/`). */
export const IsOptionalPathPrefix = (): PropertyDecorator =>
  applyDecorators(
    IsOptionalParameter(),
    IsString(),
    Length(1, IAM_PATH_MAX),
    Matches(/^\/[\u0021-\u007F]*$/, { message: '$property must begin with "/"' }),
  );

/** An optional member of an enumeration (`Scope`, `EntityFilter`, `PolicyUsageFilter`). */
export const IsOptionalOneOf = (values: readonly string[]): PropertyDecorator =>
  applyDecorators(IsOptionalParameter(), IsIn([...values]));

/** `PolicyUsageFilter` of ListPolicies and ListEntitiesForPolicy. */
export const POLICY_USAGE_FILTERS = ['PermissionsPolicy', 'PermissionsBoundary'] as const;
export type PolicyUsageFilter = (typeof POLICY_USAGE_FILTERS)[number];
