import { IamError } from './account.errors';
import { parsePolicyArn, ParsedPolicyArn } from './arns';

/** `[\w+=,.@-]+`: the characters of user, group, role and policy names. */
export const NAME_PATTERN = /^[\w+=,.@-]+$/;
const NAME_PATTERN_TEXT = '[\\w+=,.@-]+';
/** `(\u002F)|(\u002F[\u0021-\u007E]+\u002F)`: `/` or `/…/` of printable ASCII. */
export const PATH_PATTERN = /^(?:\/|\/[\u0021-\u007E]+\/)$/;
const PATH_PREFIX_PATTERN = /^\/[\u0021-\u007E]*$/;
const PATH_MESSAGE =
  'The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.';
// eslint-disable-next-line no-control-regex -- tab, LF and CR are allowed in role descriptions
const ROLE_DESCRIPTION_PATTERN = /^[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*$/;
const VERSION_ID_PATTERN = /^v[1-9][0-9]*(\.[A-Za-z0-9-]*)?$/;
const ACCOUNT_NAME_PATTERN = /^[\u0020-\u007E]+$/;
const ACCESS_KEY_ID_PATTERN = /^\w+$/;
const SERIAL_NUMBER_PATTERN = /^[\w+=/:,.@-]+$/;

/** Longest names AWS accepts. */
export const NAME_LIMITS = {
  user: 64,
  role: 64,
  group: 128,
  policy: 128,
  /** VirtualMFADeviceName. */
  mfaDevice: 226,
} as const;

/** Length in characters (code points), as AWS counts. */
export const charLength = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/**
 * Collects a request's parameter errors and reports them the way AWS does:
 * `2 validation errors detected: Value 'a b' at 'userName' failed to satisfy constraint: …; …`.
 * A path of the wrong shape has its own message, reported when nothing else is wrong.
 */
export class RequestValidation {
  private readonly constraints: string[] = [];
  private readonly messages: string[] = [];

  violation(field: string, value: unknown, constraint: string): this {
    const shown = typeof value === 'string' ? value : JSON.stringify(value);
    this.constraints.push(
      `Value '${shown}' at '${field}' failed to satisfy constraint: Member ${constraint}`,
    );
    return this;
  }

  message(text: string): this {
    this.messages.push(text);
    return this;
  }

  length(field: string, value: string, min: number, max: number): boolean {
    const n = charLength(value);
    if (n < min) this.violation(field, value, `must have length greater than or equal to ${min}`);
    else if (n > max) this.violation(field, value, `must have length less than or equal to ${max}`);
    else return true;
    return false;
  }

  /** A user, group, role or (inline or managed) policy name. */
  name(field: string, value: string, max: number): this {
    this.length(field, value, 1, max);
    if (!NAME_PATTERN.test(value)) {
      this.violation(field, value, `must satisfy regular expression pattern: ${NAME_PATTERN_TEXT}`);
    }
    return this;
  }

  path(field: string, value: string): this {
    if (this.length(field, value, 1, 512) && !PATH_PATTERN.test(value)) this.message(PATH_MESSAGE);
    return this;
  }

  pathPrefix(field: string, value: string): this {
    if (this.length(field, value, 1, 512) && !PATH_PREFIX_PATTERN.test(value)) {
      this.violation(
        field,
        value,
        'must satisfy regular expression pattern: \\u002F[\\u0021-\\u007F]*',
      );
    }
    return this;
  }

  description(field: string, value: string, rolePattern: boolean): this {
    this.length(field, value, 0, 1000);
    if (rolePattern && !ROLE_DESCRIPTION_PATTERN.test(value)) {
      this.violation(
        field,
        value,
        'must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*',
      );
    }
    return this;
  }

  maxSessionDuration(field: string, value: number): this {
    if (!Number.isInteger(value)) this.violation(field, value, 'must be an integer');
    else if (value < 3600)
      this.violation(field, value, 'must have value greater than or equal to 3600');
    else if (value > 43200)
      this.violation(field, value, 'must have value less than or equal to 43200');
    return this;
  }

  versionId(field: string, value: string): this {
    if (!VERSION_ID_PATTERN.test(value)) {
      this.violation(
        field,
        value,
        'must satisfy regular expression pattern: v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?',
      );
    }
    return this;
  }

  accountName(field: string, value: string): this {
    this.length(field, value, 1, 50);
    if (!ACCOUNT_NAME_PATTERN.test(value)) {
      this.violation(field, value, 'must satisfy regular expression pattern: [\\u0020-\\u007E]+');
    }
    return this;
  }

  /** A policy document's length on the wire (its content is libs/policy's business). */
  document(field: string, value: string): this {
    this.length(field, value, 1, 131072);
    return this;
  }

  /** An ARN parameter's length (20–2048); whether it names a policy is checked by `policyArn`. */
  arn(field: string, value: string): this {
    this.length(field, value, 20, 2048);
    return this;
  }

  /** AWS `accessKeyIdType`: 16–128 word characters. */
  accessKeyId(field: string, value: string): this {
    this.length(field, value, 16, 128);
    if (!ACCESS_KEY_ID_PATTERN.test(value)) {
      this.violation(field, value, 'must satisfy regular expression pattern: [\\w]+');
    }
    return this;
  }

  /** AWS `serialNumberType` (an MFA device's serial number: a virtual device's ARN). */
  serialNumber(field: string, value: string): this {
    this.length(field, value, 9, 256);
    if (!SERIAL_NUMBER_PATTERN.test(value)) {
      this.violation(field, value, 'must satisfy regular expression pattern: [\\w+=/:,.@-]+');
    }
    return this;
  }

  get ok(): boolean {
    return this.constraints.length === 0 && this.messages.length === 0;
  }

  /** Throws the collected errors, if any, as one ValidationError. */
  throwIfAny(): void {
    const n = this.constraints.length;
    if (n > 0) {
      throw new IamError(
        'ValidationError',
        `${n} validation error${n === 1 ? '' : 's'} detected: ${this.constraints.join('; ')}`,
      );
    }
    if (this.messages.length > 0) throw new IamError('ValidationError', this.messages[0]);
  }
}

/** A policy ARN parameter, parsed; InvalidInput when it is not one. */
export function requirePolicyArn(arn: string): ParsedPolicyArn {
  const parsed = parsePolicyArn(arn);
  if (!parsed) throw new IamError('InvalidInput', `ARN ${arn} is not valid.`);
  return parsed;
}
