import { MESSAGES } from './messages';

/** AWS partitions IAM accepts in a resource ARN (`*` is accepted too). */
export const PARTITIONS: readonly string[] = [
  'aws',
  'aws-cn',
  'aws-us-gov',
  'aws-iso',
  'aws-iso-b',
  'aws-iso-e',
  'aws-iso-f',
  'aws-eusc',
];

/**
 * What an IAM resource ARN may name after the account, as IAM's own error message lists it
 * (`arn:aws:iam::123456789012:root` and `*` are allowed besides).
 */
export const IAM_RESOURCE_PREFIXES: readonly string[] = [
  'user/',
  'federated-user/',
  'role/',
  'group/',
  'instance-profile/',
  'mfa/',
  'server-certificate/',
  'policy/',
  'sms-mfa/',
  'saml-provider/',
  'oidc-provider/',
  'report/',
  'access-report/',
];

/** The six fields of `arn:partition:service:region:account:resource`; missing ones are undefined. */
export interface ArnFields {
  prefix: string;
  partition: string;
  service?: string;
  region?: string;
  account?: string;
  /** Everything after the fifth colon, colons included. */
  resource?: string;
  /** How many fields the string has (a resource with colons counts once). */
  fieldCount: number;
}

export function splitArn(value: string): ArnFields {
  const parts = value.split(':');
  return {
    prefix: parts[0] ?? '',
    partition: parts[1] ?? '',
    service: parts[2],
    region: parts[3],
    account: parts[4],
    resource: parts.length > 5 ? parts.slice(5).join(':') : undefined,
    fieldCount: Math.min(parts.length, 6),
  };
}

export type ResourceCheck =
  | { kind: 'ok'; arn?: ArnFields }
  /** A MalformedPolicyDocument error with IAM's message for this resource. */
  | { kind: 'error'; message: string; detail: string }
  /** Accepted by the format checks but refused by IAM's older parser ("legacy parsing"). */
  | { kind: 'legacy'; detail: string };

/**
 * IAM's resource-format rules, as observed on CreatePolicy. IAM is lenient: any service, region and
 * account are accepted, and even `arn:aws:foo` (three fields) passes. It refuses a resource without
 * a colon, an unknown partition, a partition without a service, a Region in an IAM or S3 bucket
 * ARN, an IAM resource of an unknown type, and (in its "legacy parsing") a string that has an empty
 * field before the resource part but fewer than six fields, or an empty service.
 */
export function checkResource(value: string): ResourceCheck {
  if (value === '*') return { kind: 'ok' };
  const first = value.indexOf(':');
  if (first < 0) {
    return {
      kind: 'error',
      message: MESSAGES.resourceNotArn(value),
      detail: 'A resource is "*" or an ARN.',
    };
  }
  const rest = value.slice(first + 1);
  const second = rest.indexOf(':');
  const partition = second < 0 ? rest : rest.slice(0, second);
  if (partition !== '*' && !PARTITIONS.includes(partition)) {
    const remaining = second < 0 ? [''] : rest.slice(second + 1).split(':');
    const field = (i: number): string => (remaining.length > i ? remaining[i] : '*');
    const first3 = remaining[0] !== '' || remaining.length > 1 ? remaining[0] : '*';
    const tail = remaining.length > 3 ? remaining.slice(3).join(':') : '*';
    const shown = `arn:${partition}:${first3}:${field(1)}:${field(2)}:${tail}`;
    return {
      kind: 'error',
      message: MESSAGES.partitionInvalid(partition, shown),
      detail: `The partition must be one of ${PARTITIONS.join(', ')} (or "*").`,
    };
  }
  if (second < 0) {
    return {
      kind: 'error',
      message: MESSAGES.resourceVendor,
      detail: 'The ARN ends after its partition: name the service.',
    };
  }
  const arn = splitArn(value);
  const service = arn.service ?? '';
  if (service === 'iam' && (arn.region ?? '') !== '') {
    return {
      kind: 'error',
      message: MESSAGES.iamRegion(value),
      detail: 'IAM is global: leave the Region field empty.',
    };
  }
  if (service === 's3' && (arn.region ?? '') !== '' && (arn.account ?? '') === '') {
    return {
      kind: 'error',
      message: MESSAGES.s3Region(value),
      detail: 'S3 bucket and object ARNs have no Region: arn:aws:s3:::bucket/key.',
    };
  }
  if (service === 'iam') {
    const resource = arn.resource ?? '';
    if (
      resource !== '*' &&
      resource !== 'root' &&
      !IAM_RESOURCE_PREFIXES.some((p) => resource.startsWith(p))
    ) {
      return {
        kind: 'error',
        message: MESSAGES.iamPath(IAM_RESOURCE_PREFIXES),
        detail: `"${resource}" is not a kind of IAM resource.`,
      };
    }
  }
  const colons = value.split(':').length - 1;
  if (colons < 5 && value.includes('::')) {
    return {
      kind: 'legacy',
      detail:
        'An ARN with an empty field must have all six fields: arn:partition:service:region:account:resource.',
    };
  }
  if (service === '') {
    return { kind: 'legacy', detail: 'The ARN has an empty service field.' };
  }
  return { kind: 'ok', arn };
}
