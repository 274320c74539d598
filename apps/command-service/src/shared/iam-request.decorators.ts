import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsInt,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  ACCOUNT_NAME_MAX,
  ACCOUNT_NAME_MESSAGE,
  ACCOUNT_NAME_PATTERN,
  ARN_LENGTH,
  DESCRIPTION_MAX,
  IAM_NAME_MAX,
  IAM_NAME_MESSAGE,
  IAM_NAME_PATTERN,
  IAM_PATH_MAX,
  IAM_PATH_MESSAGE,
  IAM_PATH_PATTERN,
  MAX_SESSION_DURATION,
  POLICY_DOCUMENT_MAX,
  ROLE_DESCRIPTION_MESSAGE,
  ROLE_DESCRIPTION_PATTERN,
  TAG_KEY_MAX,
  TAG_KEY_MESSAGE,
  TAG_KEY_PATTERN,
  VERSION_ID_MESSAGE,
  VERSION_ID_PATTERN,
} from './iam-validation';
import { TagRequestDto } from './tag.request.dto';

/**
 * Property decorators for AWS's request parameters, composed of class-validator's (so schema
 * generators that read class-validator metadata see the same rules). Syntax only: what depends
 * on the account's state is the aggregate's business.
 */

/**
 * The parameter may be left out; when it is given it must be valid. Unlike `@IsOptional()`,
 * `null` is not "left out": `"Path": null` is a ValidationError, not the default path.
 */
export const IsOptionalParameter = (): PropertyDecorator =>
  ValidateIf((_object: object, value: unknown) => value !== undefined);

/** `UserName`, `GroupName`, `RoleName`, `PolicyName` (and their `New…` forms). */
export const IsIamName = (entity: keyof typeof IAM_NAME_MAX): PropertyDecorator =>
  applyDecorators(
    IsString(),
    Length(1, IAM_NAME_MAX[entity]),
    Matches(IAM_NAME_PATTERN, { message: IAM_NAME_MESSAGE }),
  );

/** `Path`, `NewPath`: `/` or `/…/`, up to 512 characters. */
export const IsIamPath = (): PropertyDecorator =>
  applyDecorators(
    IsString(),
    Length(1, IAM_PATH_MAX),
    Matches(IAM_PATH_PATTERN, { message: IAM_PATH_MESSAGE }),
  );

/** `PolicyDocument`, `AssumeRolePolicyDocument`: JSON text; its content is checked by libs/policy. */
export const IsPolicyDocumentText = (): PropertyDecorator =>
  applyDecorators(IsString(), Length(1, POLICY_DOCUMENT_MAX));

/** `PolicyArn`, `PermissionsBoundary`: whether it names a policy is the aggregate's check. */
export const IsArnParameter = (): PropertyDecorator =>
  applyDecorators(IsString(), Length(ARN_LENGTH.min, ARN_LENGTH.max));

/** `VersionId`: `v1`, `v2`, … */
export const IsPolicyVersionId = (): PropertyDecorator =>
  applyDecorators(IsString(), Matches(VERSION_ID_PATTERN, { message: VERSION_ID_MESSAGE }));

/** A managed policy's `Description` (AWS applies no character pattern to it). */
export const IsPolicyDescription = (): PropertyDecorator =>
  applyDecorators(IsString(), Length(0, DESCRIPTION_MAX));

/** A role's `Description`. */
export const IsRoleDescription = (): PropertyDecorator =>
  applyDecorators(
    IsString(),
    Length(0, DESCRIPTION_MAX),
    Matches(ROLE_DESCRIPTION_PATTERN, { message: ROLE_DESCRIPTION_MESSAGE }),
  );

/** `MaxSessionDuration`: whole seconds, 3,600–43,200. */
export const IsMaxSessionDuration = (): PropertyDecorator =>
  applyDecorators(IsInt(), Min(MAX_SESSION_DURATION.min), Max(MAX_SESSION_DURATION.max));

/** `SetAsDefault`. */
export const IsFlag = (): PropertyDecorator => IsBoolean();

/**
 * `Tags`: a list of `{Key, Value}`. How many an entity may carry is a per-deployment quota,
 * checked by the aggregate (AWS's is 50), as are duplicate keys and the reserved `aws:` prefix.
 */
export const IsTagList = (): PropertyDecorator =>
  applyDecorators(
    IsArray(),
    ValidateNested({ each: true }),
    Type(() => TagRequestDto),
  );

/** `TagKeys`: the keys to remove. */
export const IsTagKeyList = (): PropertyDecorator =>
  applyDecorators(
    IsArray(),
    IsString({ each: true }),
    Length(1, TAG_KEY_MAX, { each: true }),
    Matches(TAG_KEY_PATTERN, { each: true, message: TAG_KEY_MESSAGE }),
  );

/** `AccountName`: 1–50 printable ASCII characters. */
export const IsAccountName = (): PropertyDecorator =>
  applyDecorators(
    IsString(),
    Length(1, ACCOUNT_NAME_MAX),
    Matches(ACCOUNT_NAME_PATTERN, { message: ACCOUNT_NAME_MESSAGE }),
  );
