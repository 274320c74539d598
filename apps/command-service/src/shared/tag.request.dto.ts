import type { IamTag } from '@portcullis/contracts';
import { IsString, Length, Matches } from 'class-validator';
import {
  TAG_KEY_MAX,
  TAG_KEY_MESSAGE,
  TAG_KEY_PATTERN,
  TAG_VALUE_MAX,
  TAG_VALUE_MESSAGE,
  TAG_VALUE_PATTERN,
} from './iam-validation';

/** One element of `Tags`, as AWS shapes it: `{"Key": "team", "Value": "data"}`. */
export class TagRequestDto {
  @IsString()
  @Length(1, TAG_KEY_MAX)
  @Matches(TAG_KEY_PATTERN, { message: TAG_KEY_MESSAGE })
  Key!: string;

  /** Required, possibly empty (AWS's `tagValueType`). */
  @IsString()
  @Length(0, TAG_VALUE_MAX)
  @Matches(TAG_VALUE_PATTERN, { message: TAG_VALUE_MESSAGE })
  Value!: string;
}

/** A request's `Tags` as plain tags for the aggregate (the DTO's elements are class instances). */
export function toIamTags(tags: readonly TagRequestDto[]): IamTag[];
export function toIamTags(tags: readonly TagRequestDto[] | undefined): IamTag[] | undefined;
export function toIamTags(tags: readonly TagRequestDto[] | undefined): IamTag[] | undefined {
  return tags?.map((t) => ({ Key: t.Key, Value: t.Value }));
}
