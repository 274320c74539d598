import { checkResource } from './arn';
import {
  actionMatches,
  closest,
  globalConditionKeyStatus,
  serviceActions,
  serviceExists,
  servicePrefixes,
} from './catalogue/catalogue';
import { globCovers, globMatch, hasWildcard } from './glob';
import { ConditionBlock, ConditionValue, PolicyModel, PolicyStatement } from './policy-model';
import { FindingSeverity, PolicyFinding, PolicyKind } from './types';

/**
 * Finding codes. Where IAM Access Analyzer has a check for the same thing the code is its issue
 * code (ValidatePolicy `issueCode`) and the message its `findingDetails`, with the blanks filled in;
 * the three marked "Portcullis" are ours.
 */
export const FINDING_CODES = {
  // error (Access Analyzer finding type ERROR: IAM accepts the policy, but it does not do what it says)
  INVALID_SERVICE_IN_ACTION: 'INVALID_SERVICE_IN_ACTION',
  INVALID_ACTION: 'INVALID_ACTION',
  INVALID_CONDITION_OPERATOR: 'INVALID_CONDITION_OPERATOR',
  NULL_WITH_IF_EXISTS: 'NULL_WITH_IF_EXISTS',
  INVALID_CONDITION_KEY_FORMAT: 'INVALID_CONDITION_KEY_FORMAT',
  INVALID_GLOBAL_CONDITION_KEY: 'INVALID_GLOBAL_CONDITION_KEY',
  UNSUPPORTED_GLOBAL_CONDITION_KEY: 'UNSUPPORTED_GLOBAL_CONDITION_KEY',
  MISSING_TAG_KEY_IN_CONDITION: 'MISSING_TAG_KEY_IN_CONDITION',
  MISSING_ARN_FIELD: 'MISSING_ARN_FIELD',
  INVALID_ARN_PREFIX: 'INVALID_ARN_PREFIX',
  INVALID_ARN_SERVICE_CASE: 'INVALID_ARN_SERVICE_CASE',
  INVALID_ARN_ACCOUNT: 'INVALID_ARN_ACCOUNT',
  UNSUPPORTED_WILDCARD_IN_PRINCIPAL: 'UNSUPPORTED_WILDCARD_IN_PRINCIPAL',
  VARIABLE_UNSUPPORTED_IN_VERSION: 'VARIABLE_UNSUPPORTED_IN_VERSION',
  // security_warning
  PASS_ROLE_WITH_STAR_IN_RESOURCE: 'PASS_ROLE_WITH_STAR_IN_RESOURCE',
  PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE: 'PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE',
  PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION: 'PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION',
  PASS_ROLE_WITH_NOT_RESOURCE: 'PASS_ROLE_WITH_NOT_RESOURCE',
  PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE: 'PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE',
  PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE: 'PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE',
  ALLOW_WITH_NOT_PRINCIPAL: 'ALLOW_WITH_NOT_PRINCIPAL',
  /** Portcullis: Allow + NotAction + Resource "*". */
  ALLOW_NOT_ACTION_WITH_STAR_RESOURCE: 'ALLOW_NOT_ACTION_WITH_STAR_RESOURCE',
  /** Portcullis: Allow "*" on "*". */
  ALLOW_STAR_ACTION_ON_STAR_RESOURCE: 'ALLOW_STAR_ACTION_ON_STAR_RESOURCE',
  // warning
  CREATE_SLR_WITH_STAR_IN_RESOURCE: 'CREATE_SLR_WITH_STAR_IN_RESOURCE',
  CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE: 'CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE',
  CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION:
    'CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION',
  CREATE_SLR_WITH_NOT_RESOURCE: 'CREATE_SLR_WITH_NOT_RESOURCE',
  CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE:
    'CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE',
  CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE: 'CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE',
  MISSING_VERSION: 'MISSING_VERSION',
  TYPE_MISMATCH_BOOLEAN: 'TYPE_MISMATCH_BOOLEAN',
  TYPE_MISMATCH_NUMBER: 'TYPE_MISMATCH_NUMBER',
  TYPE_MISMATCH_IP_RANGE: 'TYPE_MISMATCH_IP_RANGE',
  WILDCARD_WITHOUT_LIKE_OPERATOR: 'WILDCARD_WITHOUT_LIKE_OPERATOR',
  INVALID_ROLE_REFERENCE: 'INVALID_ROLE_REFERENCE',
  INVALID_USER_REFERENCE: 'INVALID_USER_REFERENCE',
  // suggestion
  WILDCARD_IN_SERVICE_NAME: 'WILDCARD_IN_SERVICE_NAME',
  NULL_WITH_QUALIFIER: 'NULL_WITH_QUALIFIER',
  EMPTY_OBJECT_CONDITION: 'EMPTY_OBJECT_CONDITION',
  EMPTY_ARRAY_CONDITION: 'EMPTY_ARRAY_CONDITION',
  EMPTY_ARRAY_CONDITION_FORALLVALUES: 'EMPTY_ARRAY_CONDITION_FORALLVALUES',
  EMPTY_ARRAY_CONDITION_FORANYVALUE: 'EMPTY_ARRAY_CONDITION_FORANYVALUE',
  EMPTY_ARRAY_CONDITION_IFEXISTS: 'EMPTY_ARRAY_CONDITION_IFEXISTS',
  EMPTY_ARRAY_RESOURCE: 'EMPTY_ARRAY_RESOURCE',
  EMPTY_ARRAY_PRINCIPAL: 'EMPTY_ARRAY_PRINCIPAL',
  EMPTY_SID_VALUE: 'EMPTY_SID_VALUE',
  REDUNDANT_ACTION: 'REDUNDANT_ACTION',
  REDUNDANT_RESOURCE: 'REDUNDANT_RESOURCE',
  REDUNDANT_STATEMENT: 'REDUNDANT_STATEMENT',
} as const;

export type FindingCode = keyof typeof FINDING_CODES;

class Findings {
  readonly list: PolicyFinding[] = [];
  add(path: string, severity: FindingSeverity, code: FindingCode, message: string): void {
    this.list.push({ path, severity, code, message });
  }
}

const STRING_EQUALS_OPERATORS: readonly string[] = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
];

/** Tier 2: Access-Analyzer-style findings over the well-formed parts of the document. */
export function findIssues(model: PolicyModel, kind: PolicyKind): PolicyFinding[] {
  const f = new Findings();
  if (model.version === undefined && kind !== 'identity' && kind !== 'boundary') {
    f.add(
      '',
      'warning',
      'MISSING_VERSION',
      'We recommend that you specify the Version element to help you with debugging permission issues.',
    );
  }
  if (model.version !== '2012-10-17') variablesInOldVersion(model, f);
  const seen = new Map<string, number>();
  for (const s of model.statements) {
    if (s.sid?.value === '')
      f.add(
        s.sid.path,
        'suggestion',
        'EMPTY_SID_VALUE',
        'Add a value to the empty string in the Sid element.',
      );
    actionFindings(s, f);
    if (kind !== 'trust') resourceFindings(s, kind, f);
    principalFindings(s, f);
    conditionFindings(s, f);
    if (s.effect === 'Allow' && kind !== 'trust' && kind !== 'scp') riskyGrants(s, f);
    redundantStatement(s, seen, f);
  }
  return f.list;
}

function variablesInOldVersion(model: PolicyModel, f: Findings): void {
  for (const s of model.statements) {
    const values = [
      ...(s.resource?.items ?? []),
      ...(s.condition?.blocks.flatMap((b) => b.entries.flatMap((e) => e.values)) ?? []),
    ];
    const withVariable = values.find((v) => typeof v.value === 'string' && v.value.includes('${'));
    if (withVariable) {
      f.add(
        withVariable.path,
        'error',
        'VARIABLE_UNSUPPORTED_IN_VERSION',
        'To include variables in your policy, use the policy version 2012-10-17 or later.',
      );
      return;
    }
  }
}

function actionFindings(s: PolicyStatement, f: Findings): void {
  if (!s.action) return;
  for (const { value, path } of s.action.items) {
    const parts = value.split(':');
    if (value === '*' || parts.length !== 2) continue;
    const [vendor, name] = parts;
    if (hasWildcard(vendor)) {
      f.add(
        path,
        'suggestion',
        'WILDCARD_IN_SERVICE_NAME',
        'Avoid using wildcards (*, ?) in the service name because it might grant unintended access to other AWS services with similar names.',
      );
      continue;
    }
    if (!serviceExists(vendor)) {
      const guess = closest(vendor, servicePrefixes());
      f.add(
        path,
        'error',
        'INVALID_SERVICE_IN_ACTION',
        `The service specified in the action does not exist.${guess ? ` Did you mean ${guess}?` : ''}`,
      );
      continue;
    }
    if (!actionMatches(vendor, name)) {
      const guess = hasWildcard(name) ? undefined : closest(name, serviceActions(vendor));
      f.add(
        path,
        'error',
        'INVALID_ACTION',
        `The action does not exist.${guess ? ` Did you mean ${vendor}:${guess}?` : ''}`,
      );
    }
  }
  redundantItems(s.action.items, true, (path, value) =>
    f.add(
      path,
      'suggestion',
      'REDUNDANT_ACTION',
      `The action(s) are redundant because they provide similar permissions. Update the policy to remove the redundant action such as: ${value}.`,
    ),
  );
}

/** Items that another item of the same element already covers (duplicates, or under a wildcard). */
function redundantItems(
  items: readonly { value: string; path: string }[],
  ignoreCase: boolean,
  report: (path: string, value: string) => void,
): void {
  const norm = (v: string): string => (ignoreCase ? v.toLowerCase() : v);
  const first = new Map<string, number>();
  const wildcards = items
    .map((item, i) => ({ ...item, i }))
    .filter((item) => hasWildcard(item.value));
  items.forEach((item, j) => {
    const key = norm(item.value);
    const earlier = first.get(key);
    if (earlier !== undefined) {
      report(item.path, item.value);
      return;
    }
    first.set(key, j);
    const covered = wildcards.some(
      (w) =>
        norm(w.value) !== key &&
        globCovers(w.value, item.value, ignoreCase) &&
        // Of two patterns that cover each other, only the later one is redundant.
        !(globCovers(item.value, w.value, ignoreCase) && w.i > j),
    );
    if (covered) report(item.path, item.value);
  });
}

function resourceFindings(s: PolicyStatement, kind: PolicyKind, f: Findings): void {
  if (!s.resource) return;
  if (
    s.resource.isArray &&
    s.resource.items.length === 0 &&
    (kind === 'resource' || kind === 'scp')
  ) {
    f.add(
      s.resource.path,
      'suggestion',
      'EMPTY_ARRAY_RESOURCE',
      'This statement includes no resources and does not affect the policy. Specify resources.',
    );
  }
  for (const { value, path } of s.resource.items) {
    const checked = checkResource(value);
    if (checked.kind !== 'ok' || !checked.arn) continue;
    const arn = checked.arn;
    if (arn.fieldCount < 6) {
      f.add(
        path,
        'error',
        'MISSING_ARN_FIELD',
        'Resource ARNs must include at least fields in the following structure: arn:partition:service:region:account:resource',
      );
      continue;
    }
    if (arn.prefix !== 'arn') {
      f.add(
        path,
        'error',
        'INVALID_ARN_PREFIX',
        'Add the required prefix (arn) to the resource ARN.',
      );
    }
    const service = arn.service ?? '';
    if (hasWildcard(service)) {
      f.add(
        path,
        'suggestion',
        'WILDCARD_IN_SERVICE_NAME',
        'Avoid using wildcards (*, ?) in the service name because it might grant unintended access to other AWS services with similar names.',
      );
    } else if (service !== service.toLowerCase() && !service.includes('${')) {
      f.add(
        path,
        'error',
        'INVALID_ARN_SERVICE_CASE',
        'Update the service name in the resource ARN to use all lowercase letters.',
      );
    }
    const account = arn.account ?? '';
    if (
      account !== '' &&
      account !== 'aws' &&
      !hasWildcard(account) &&
      !account.includes('${') &&
      !/^\d{12}$/.test(account)
    ) {
      f.add(
        path,
        'error',
        'INVALID_ARN_ACCOUNT',
        'The resource ARN account ID is not valid. Provide a 12-digit account ID.',
      );
    }
  }
  redundantItems(s.resource.items, false, (path) =>
    f.add(
      path,
      'suggestion',
      'REDUNDANT_RESOURCE',
      'The resource ARN(s) are redundant because they reference the same resource. Review the use of wildcards (*).',
    ),
  );
}

function principalFindings(s: PolicyStatement, f: Findings): void {
  const p = s.principal;
  if (!p) return;
  if (p.element === 'NotPrincipal' && s.effect === 'Allow') {
    f.add(
      p.path,
      'security_warning',
      'ALLOW_WITH_NOT_PRINCIPAL',
      'Using Allow with NotPrincipal can be overly permissive. We recommend that you use Principal instead.',
    );
  }
  for (const entry of p.entries) {
    if (entry.values.length === 0) {
      f.add(
        entry.path,
        'suggestion',
        'EMPTY_ARRAY_PRINCIPAL',
        'This statement includes no principals and does not affect the policy. Specify principals.',
      );
    }
    if (entry.type !== 'AWS') continue;
    for (const { value, path } of entry.values) {
      if (value !== '*' && hasWildcard(value)) {
        f.add(
          path,
          'error',
          'UNSUPPORTED_WILDCARD_IN_PRINCIPAL',
          'Wildcards (*, ?) are not supported with the principal key. Replace the wildcard with a valid principal value.',
        );
      } else if (/^AROA[A-Z0-9]+$/.test(value)) {
        f.add(
          path,
          'warning',
          'INVALID_ROLE_REFERENCE',
          'The Principal element includes the IAM role ID. We recommend that you use a role ARN instead.',
        );
      } else if (/^AIDA[A-Z0-9]+$/.test(value)) {
        f.add(
          path,
          'warning',
          'INVALID_USER_REFERENCE',
          'The Principal element includes the IAM user ID. We recommend that you use a user ARN instead.',
        );
      }
    }
  }
}

function isTrue(value: ConditionValue): boolean {
  return value === true || (typeof value === 'string' && value.toLowerCase() === 'true');
}
function isBoolean(value: ConditionValue): boolean {
  return (
    isTrue(value) ||
    value === false ||
    (typeof value === 'string' && value.toLowerCase() === 'false')
  );
}
function isNumber(value: ConditionValue): boolean {
  return (
    typeof value === 'number' ||
    (typeof value === 'string' && /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(value))
  );
}

function isIpv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}
function isIpv6(text: string): boolean {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || (text.match(/::/g) ?? []).length > 1) return false;
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const groups = [...(head ? head.split(':') : []), ...(tail ? tail.split(':') : [])];
  let count = 0;
  for (const [i, g] of groups.entries()) {
    if (i === groups.length - 1 && g.includes('.')) {
      if (!isIpv4(g)) return false;
      count += 2;
    } else if (/^[0-9a-fA-F]{1,4}$/.test(g)) count++;
    else return false;
  }
  return tail === undefined ? count === 8 : count < 8;
}
/** An address or CIDR block, IPv4 or IPv6. */
function isIpRange(value: ConditionValue): boolean {
  if (typeof value !== 'string') return false;
  const [address, bits, extra] = value.split('/');
  if (extra !== undefined) return false;
  const v4 = isIpv4(address);
  if (!v4 && !isIpv6(address)) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (v4 ? 32 : 128));
}

/** `*` or `?` outside policy variables: `${*}` and `${?}` are how a policy writes them literally. */
function hasWildcardOutsideVariables(value: string): boolean {
  return hasWildcard(value.replace(/\$\{[^}]*\}/g, ''));
}

function conditionFindings(s: PolicyStatement, f: Findings): void {
  if (!s.condition) return;
  if (s.condition.blocks.length === 0) {
    f.add(
      s.condition.path,
      'suggestion',
      'EMPTY_OBJECT_CONDITION',
      'This condition block is empty and it does not affect the policy. Specify conditions.',
    );
  }
  for (const block of s.condition.blocks) conditionBlockFindings(block, f);
}

function conditionBlockFindings(block: ConditionBlock, f: Findings): void {
  const { parsed } = block;
  if (!parsed.known) {
    // A non-empty block with an unknown operator is a rejection (tier 1).
    f.add(
      block.path,
      'error',
      'INVALID_CONDITION_OPERATOR',
      'The condition operator is not valid. Use a valid condition operator.',
    );
    return;
  }
  if (block.entries.length === 0) {
    f.add(
      block.path,
      'suggestion',
      'EMPTY_OBJECT_CONDITION',
      'This condition block is empty and it does not affect the policy. Specify conditions.',
    );
  }
  if (parsed.base === 'Null' && parsed.ifExists) {
    f.add(
      block.path,
      'error',
      'NULL_WITH_IF_EXISTS',
      'The Null condition operator cannot be used with the IfExists suffix. Update the operator or the suffix.',
    );
  }
  if (parsed.base === 'Null' && parsed.qualifier) {
    f.add(
      block.path,
      'suggestion',
      'NULL_WITH_QUALIFIER',
      'Avoid using the Null condition operator with the ForAllValues or ForAnyValue qualifiers because they always return a true or false respectively.',
    );
  }
  for (const entry of block.entries) {
    const key = entry.key;
    if (!key.includes(':')) {
      f.add(
        entry.path,
        'error',
        'INVALID_CONDITION_KEY_FORMAT',
        'The condition key format is not valid. Use the format service:keyname.',
      );
    } else if (key.toLowerCase().startsWith('aws:')) {
      if (key.toLowerCase() === 'aws:arn') {
        f.add(
          entry.path,
          'error',
          'UNSUPPORTED_GLOBAL_CONDITION_KEY',
          'The condition key aws:ARN is not supported. Use aws:PrincipalArn or aws:SourceArn instead.',
        );
      } else {
        const status = globalConditionKeyStatus(key);
        if (status === 'missing-tag-key') {
          f.add(
            entry.path,
            'error',
            'MISSING_TAG_KEY_IN_CONDITION',
            'The condition key must include a tag key to control access based on tags. Use the format tag-key and specify a key name for tag-key.',
          );
        } else if (status === 'unknown') {
          f.add(
            entry.path,
            'error',
            'INVALID_GLOBAL_CONDITION_KEY',
            'The condition key does not exist. Use a valid condition key.',
          );
        }
      }
    }
    if (entry.isArray && entry.values.length === 0) {
      if (parsed.qualifier === 'ForAllValues') {
        f.add(
          entry.path,
          'suggestion',
          'EMPTY_ARRAY_CONDITION_FORALLVALUES',
          'The ForAllValues prefix with an empty condition key matches only if the key is missing from the request context. To determine if the request context is empty, we recommend that you use the Null condition operator with the value of true instead.',
        );
      } else if (parsed.qualifier === 'ForAnyValue') {
        f.add(
          entry.path,
          'suggestion',
          'EMPTY_ARRAY_CONDITION_FORANYVALUE',
          'The ForAnyValue prefix with an empty condition key never matches the request context and it does not affect the policy. Specify conditions.',
        );
      } else if (parsed.ifExists) {
        f.add(
          entry.path,
          'suggestion',
          'EMPTY_ARRAY_CONDITION_IFEXISTS',
          'The IfExists suffix with an empty condition key matches only if the key is missing from the request context. To determine if the request context is empty, we recommend that you use the Null condition operator with the value of true instead.',
        );
      } else {
        f.add(
          entry.path,
          'suggestion',
          'EMPTY_ARRAY_CONDITION',
          'There are no values for the condition key and it does not affect the policy. Specify conditions.',
        );
      }
    }
    for (const { value, path } of entry.values) {
      if (typeof value === 'string' && value.includes('${')) continue;
      if ((parsed.base === 'Bool' || parsed.base === 'Null') && !isBoolean(value)) {
        f.add(
          path,
          'warning',
          'TYPE_MISMATCH_BOOLEAN',
          'Add a valid Boolean value (true or false) for the condition operator.',
        );
      } else if (parsed.base.startsWith('Numeric') && !isNumber(value)) {
        f.add(
          path,
          'warning',
          'TYPE_MISMATCH_NUMBER',
          'Add a valid numeric value for the condition operator.',
        );
      } else if (
        (parsed.base === 'IpAddress' || parsed.base === 'NotIpAddress') &&
        !isIpRange(value)
      ) {
        f.add(
          path,
          'warning',
          'TYPE_MISMATCH_IP_RANGE',
          'The condition operator is used with an invalid IP range value. Specify the IP range in standard CIDR format.',
        );
      } else if (
        STRING_EQUALS_OPERATORS.includes(parsed.base) &&
        typeof value === 'string' &&
        hasWildcardOutsideVariables(value)
      ) {
        f.add(
          path,
          'warning',
          'WILDCARD_WITHOUT_LIKE_OPERATOR',
          'Your condition value includes a * or ? character. If you meant to use a wildcard (*, ?), update the condition operator to include Like.',
        );
      }
    }
  }
}

type ActionReach = 'explicit' | 'wildcard' | 'not-action' | undefined;

/** How the statement's Action/NotAction reaches one action (`service:Name`). */
function reach(s: PolicyStatement, action: string): ActionReach {
  if (!s.action) return undefined;
  const items = s.action.items.map((i) => i.value);
  if (s.action.element === 'NotAction') {
    return items.some((v) => globMatch(v, action, true)) ? undefined : 'not-action';
  }
  if (items.some((v) => v.toLowerCase() === action.toLowerCase())) return 'explicit';
  return items.some((v) => hasWildcard(v) && globMatch(v, action, true)) ? 'wildcard' : undefined;
}

/** `*`, or an ARN whose resource part is `*` or all roles. */
function isStarResource(value: string): boolean {
  return value === '*' || value.endsWith(':*') || value.endsWith(':role/*');
}

interface SensitiveAction {
  action: string;
  severity: FindingSeverity;
  codes: Record<
    | 'starResource'
    | 'starActionStarResource'
    | 'notActionStarResource'
    | 'notResource'
    | 'starActionNotResource'
    | 'notActionNotResource',
    FindingCode
  >;
  messages: Record<keyof SensitiveAction['codes'], string>;
  /** A condition key whose presence narrows the grant enough to drop the finding. */
  narrowedBy?: string;
}

const PASS_ROLE: SensitiveAction = {
  action: 'iam:PassRole',
  severity: 'security_warning',
  narrowedBy: 'iam:passedtoservice',
  codes: {
    starResource: 'PASS_ROLE_WITH_STAR_IN_RESOURCE',
    starActionStarResource: 'PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE',
    notActionStarResource: 'PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION',
    notResource: 'PASS_ROLE_WITH_NOT_RESOURCE',
    starActionNotResource: 'PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE',
    notActionNotResource: 'PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE',
  },
  messages: {
    starResource:
      'Using the iam:PassRole action with wildcards (*) in the resource can be overly permissive because it allows iam:PassRole permissions on multiple resources. We recommend that you specify resource ARNs or add the iam:PassedToService condition key to your statement.',
    starActionStarResource:
      'Using wildcards (*) in the action and the resource can be overly permissive because it allows iam:PassRole permissions on all resources. We recommend that you specify resource ARNs or add the iam:PassedToService condition key to your statement.',
    notActionStarResource:
      'Using a resource with wildcards (*) and NotAction can be overly permissive because it allows iam:PassRole permissions on all resources. We recommend that you specify resource ARNs or add the iam:PassedToService condition key to your statement.',
    notResource:
      'Using the iam:PassRole action with NotResource can be overly permissive because it can allow iam:PassRole permissions on multiple resources. We recommend that you specify resource ARNs instead.',
    starActionNotResource:
      'Using an action with a wildcard (*) and NotResource can be overly permissive because it can allow iam:PassRole permissions on multiple resources. We recommend that you specify resource ARNs instead.',
    notActionNotResource:
      'Using NotAction with NotResource can be overly permissive because it can allow iam:PassRole permissions on multiple resources. We recommend that you specify resource ARNs instead.',
  },
};

const CREATE_SLR: SensitiveAction = {
  action: 'iam:CreateServiceLinkedRole',
  severity: 'warning',
  codes: {
    starResource: 'CREATE_SLR_WITH_STAR_IN_RESOURCE',
    starActionStarResource: 'CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE',
    notActionStarResource: 'CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION',
    notResource: 'CREATE_SLR_WITH_NOT_RESOURCE',
    starActionNotResource: 'CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE',
    notActionNotResource: 'CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE',
  },
  messages: {
    starResource:
      'Using the iam:CreateServiceLinkedRole action with wildcards (*) in the resource can allow creation of unintended service-linked roles. We recommend that you specify resource ARNs instead.',
    starActionStarResource:
      'Using wildcards (*) in the action and the resource can allow creation of unintended service-linked roles because it allows iam:CreateServiceLinkedRole permissions on all resources. We recommend that you specify resource ARNs instead.',
    notActionStarResource:
      'Using a resource with wildcards (*) and NotAction can allow creation of unintended service-linked roles because it allows iam:CreateServiceLinkedRole permissions on all resources. We recommend that you specify resource ARNs instead.',
    notResource:
      'Using the iam:CreateServiceLinkedRole action with NotResource can allow creation of unintended service-linked roles for multiple resources. We recommend that you specify resource ARNs instead.',
    starActionNotResource:
      'Using an action with a wildcard(*) and NotResource can allow creation of unintended service-linked roles because it can allow iam:CreateServiceLinkedRole permissions on multiple resources. We recommend that you specify resource ARNs instead.',
    notActionNotResource:
      'Using NotAction with NotResource can allow creation of unintended service-linked roles because it allows iam:CreateServiceLinkedRole permissions on multiple resources. We recommend that you specify resource ARNs instead.',
  },
};

function conditionKeys(s: PolicyStatement): Set<string> {
  return new Set(
    s.condition?.blocks.flatMap((b) => b.entries.map((e) => e.key.toLowerCase())) ?? [],
  );
}

function riskyGrants(s: PolicyStatement, f: Findings): void {
  if (!s.action || !s.resource) return;
  const starResource =
    s.resource.element === 'Resource' && s.resource.items.some((r) => isStarResource(r.value));
  const notResource = s.resource.element === 'NotResource' && s.resource.items.length > 0;
  const keys = conditionKeys(s);
  for (const sensitive of [PASS_ROLE, CREATE_SLR]) {
    if (sensitive.narrowedBy && keys.has(sensitive.narrowedBy)) continue;
    const how = reach(s, sensitive.action);
    if (!how || (!starResource && !notResource)) continue;
    let which: keyof SensitiveAction['codes'];
    if (starResource) {
      which =
        how === 'explicit'
          ? 'starResource'
          : how === 'wildcard'
            ? 'starActionStarResource'
            : 'notActionStarResource';
    } else {
      which =
        how === 'explicit'
          ? 'notResource'
          : how === 'wildcard'
            ? 'starActionNotResource'
            : 'notActionNotResource';
    }
    f.add(s.resource.path, sensitive.severity, sensitive.codes[which], sensitive.messages[which]);
  }
  const starInResource =
    s.resource.element === 'Resource' && s.resource.items.some((r) => r.value === '*');
  if (s.action.element === 'NotAction' && starInResource) {
    f.add(
      s.action.path,
      'security_warning',
      'ALLOW_NOT_ACTION_WITH_STAR_RESOURCE',
      'Using Allow with NotAction and a wildcard (*) in the resource grants every action that is not listed, including actions AWS adds later, on all resources. We recommend that you list the actions to allow instead.',
    );
  }
  if (
    s.action.element === 'Action' &&
    starInResource &&
    s.action.items.some((a) => a.value === '*' || a.value === '*:*')
  ) {
    f.add(
      s.path,
      'security_warning',
      'ALLOW_STAR_ACTION_ON_STAR_RESOURCE',
      'This statement allows every action on every resource (full administrator access). We recommend that you grant only the actions and resources that are needed.',
    );
  }
}

function canonicalStatement(s: PolicyStatement): string | undefined {
  if (!s.effect || !s.action) return undefined;
  const sorted = (values: string[]): string[] => [...new Set(values)].sort();
  return JSON.stringify([
    s.effect,
    s.action.element,
    sorted(s.action.items.map((i) => i.value.toLowerCase())),
    s.resource ? [s.resource.element, sorted(s.resource.items.map((i) => i.value))] : null,
    s.principal
      ? [
          s.principal.element,
          s.principal.star,
          s.principal.entries.map((e) => [e.type, sorted(e.values.map((v) => v.value))]).sort(),
        ]
      : null,
    s.condition
      ? s.condition.blocks
          .map((b) => [
            b.operator,
            b.entries
              .map((e) => [
                e.key.toLowerCase(),
                sorted(e.values.map((v) => JSON.stringify(v.value))),
              ])
              .sort(),
          ])
          .sort()
      : null,
  ]);
}

function redundantStatement(s: PolicyStatement, seen: Map<string, number>, f: Findings): void {
  const key = canonicalStatement(s);
  if (key === undefined) return;
  if (seen.has(key)) {
    f.add(
      s.path,
      'suggestion',
      'REDUNDANT_STATEMENT',
      'The statements are redundant because they provide identical permissions. Update the policy to remove the redundant statement.',
    );
  } else {
    seen.set(key, s.index);
  }
}
