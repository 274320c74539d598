import { SIZE_LIMITS, SizeLimitName } from './types';

/**
 * A policy's size as IAM counts it against its quotas: characters, white space not counted
 * ("IAM doesn't count white space when calculating the size of a policy against these quotas").
 * Characters are Unicode code points; white space is every character JavaScript's \s matches,
 * inside strings as well as between tokens.
 */
export function policySize(document: string): number {
  let size = 0;
  for (const _ch of document.replace(/\s+/g, '')) size++;
  return size;
}

export function resolveSizeLimit(limit: SizeLimitName | number): number {
  return typeof limit === 'number' ? limit : SIZE_LIMITS[limit];
}
