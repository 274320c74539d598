import type { IamTag } from '@portcullis/contracts';
import { invalidInput, limitExceeded } from './account.errors';
import { RequestValidation } from './validation';

const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u;
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const KEY_PATTERN_TEXT = '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+';
const VALUE_PATTERN_TEXT = '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*';

/** An entity's tags: lower-cased key → the tag as last set. */
export type TagSet = Map<string, IamTag>;

const isReserved = (key: string): boolean => key.toLowerCase().startsWith('aws:');

/** Checks a TagUser/TagRole/TagPolicy (or Create*) `Tags` list; throws before anything changes. */
export function checkTags(tags: readonly IamTag[], maxTags: number): void {
  const v = new RequestValidation();
  if (tags.length > maxTags) {
    v.violation('tags', tags, `must have length less than or equal to ${maxTags}`);
  }
  tags.forEach((tag, i) => {
    const at = `tags.${i + 1}.member`;
    if (v.length(`${at}.key`, tag.Key, 1, 128) && !TAG_KEY.test(tag.Key)) {
      v.violation(
        `${at}.key`,
        tag.Key,
        `must satisfy regular expression pattern: ${KEY_PATTERN_TEXT}`,
      );
    }
    if (v.length(`${at}.value`, tag.Value, 0, 256) && !TAG_VALUE.test(tag.Value)) {
      v.violation(
        `${at}.value`,
        tag.Value,
        `must satisfy regular expression pattern: ${VALUE_PATTERN_TEXT}`,
      );
    }
  });
  v.throwIfAny();
  const seen = new Set<string>();
  for (const tag of tags) {
    const key = tag.Key.toLowerCase();
    if (seen.has(key)) {
      throw invalidInput(
        'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
      );
    }
    seen.add(key);
  }
  for (const tag of tags) {
    if (isReserved(tag.Key)) throw reservedPrefix();
  }
}

/** Checks an Untag* `TagKeys` list. */
export function checkTagKeys(keys: readonly string[], maxTags: number): void {
  const v = new RequestValidation();
  if (keys.length > maxTags) {
    v.violation('tagKeys', keys, `must have length less than or equal to ${maxTags}`);
  }
  keys.forEach((key, i) => {
    const at = `tagKeys.${i + 1}.member`;
    if (v.length(at, key, 1, 128) && !TAG_KEY.test(key)) {
      v.violation(at, key, `must satisfy regular expression pattern: ${KEY_PATTERN_TEXT}`);
    }
  });
  v.throwIfAny();
  if (keys.some(isReserved)) throw reservedPrefix();
}

const reservedPrefix = () =>
  invalidInput(
    "User-defined tag keys can't start with 'aws:'. That prefix is reserved for AWS (case insensitive).",
  );

/** The entity's tags after TagX: same keys (case-insensitively) take the new key and value. */
export function tagsAfterTagging(
  current: TagSet,
  tags: readonly IamTag[],
  maxTags: number,
): IamTag[] {
  const next = new Map(current);
  for (const tag of tags) next.set(tag.Key.toLowerCase(), { Key: tag.Key, Value: tag.Value });
  if (next.size > maxTags) {
    throw limitExceeded('The number of tags has reached the maximum limit.');
  }
  return [...next.values()].map((t) => ({ ...t }));
}

/** The entity's tags after UntagX: keys that are not there are ignored, as in AWS. */
export function tagsAfterUntagging(current: TagSet, keys: readonly string[]): IamTag[] {
  const drop = new Set(keys.map((k) => k.toLowerCase()));
  return [...current.entries()].filter(([k]) => !drop.has(k)).map(([, t]) => ({ ...t }));
}

export function tagSetOf(tags: readonly IamTag[]): TagSet {
  return new Map(tags.map((t) => [t.Key.toLowerCase(), { Key: t.Key, Value: t.Value }]));
}

/** Sets an entity's tags to the set an event records (apply only). */
export function replaceTags(target: TagSet, tags: readonly IamTag[]): void {
  target.clear();
  for (const [k, t] of tagSetOf(tags)) target.set(k, t);
}

export const copyTags = (tags: readonly IamTag[]): IamTag[] =>
  tags.map((t) => ({ Key: t.Key, Value: t.Value }));
