import { FINDING_CODES, FindingCode, FindingSeverity, PolicyKind, validatePolicy } from './index';

/**
 * Tier 2: one case per finding code, asserting every finding of that code (path, severity and
 * message). A finding never makes a policy invalid, so each case also asserts `valid`.
 */

type Json = Record<string, unknown>;

const statement = (extra: Json = {}): Json => ({
  Effect: 'Allow',
  Action: 's3:GetObject',
  Resource: '*',
  ...extra,
});
const policy = (...statements: Json[]): Json => ({ Version: '2012-10-17', Statement: statements });
const notResource = (extra: Json): Json => {
  const s = statement(extra);
  delete s['Resource'];
  return { ...s, NotResource: 'arn:aws:iam::111122223333:role/admin' };
};
const notAction = (extra: Json): Json => {
  const s = statement(extra);
  delete s['Action'];
  return { ...s, NotAction: 's3:*' };
};
const resourcePolicy = (extra: Json = {}, version: string | null = '2012-10-17'): Json => ({
  ...(version ? { Version: version } : {}),
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: '111122223333' },
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::bucket/*',
      ...extra,
    },
  ],
});
const trustPolicy = (principal: unknown): Json => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }],
});
const condition = (block: Json): Json => policy(statement({ Condition: block }));

interface Case {
  name: string;
  code: FindingCode;
  input: Json;
  kind?: PolicyKind;
  expected: { path: string; severity: FindingSeverity; message: string }[];
}

const PASS_ROLE_STAR =
  'Using the iam:PassRole action with wildcards (*) in the resource can be overly permissive because it allows iam:PassRole permissions on multiple resources. We recommend that you specify resource ARNs or add the iam:PassedToService condition key to your statement.';

const cases: Case[] = [
  // actions
  {
    name: 'an unknown service, with the nearest one suggested',
    code: 'INVALID_SERVICE_IN_ACTION',
    input: policy(statement({ Action: ['s4:GetObject', 'zzzzzzzzz:Get'] })),
    expected: [
      {
        path: '/Statement/0/Action/0',
        severity: 'error',
        message: 'The service specified in the action does not exist. Did you mean s3?',
      },
      {
        path: '/Statement/0/Action/1',
        severity: 'error',
        message: 'The service specified in the action does not exist.',
      },
    ],
  },
  {
    name: 'an unknown action, or a pattern that matches none',
    code: 'INVALID_ACTION',
    input: policy(
      statement({ Action: ['s3:GetObjekt', 's3:Nothing*', 's3:getobject', 's3:Get*'] }),
    ),
    expected: [
      {
        path: '/Statement/0/Action/0',
        severity: 'error',
        message: 'The action does not exist. Did you mean s3:GetObject?',
      },
      { path: '/Statement/0/Action/1', severity: 'error', message: 'The action does not exist.' },
    ],
  },
  {
    name: 'a wildcard in the service of an action or an ARN',
    code: 'WILDCARD_IN_SERVICE_NAME',
    input: policy(
      statement({ Action: '*:GetObject', Resource: 'arn:aws:*code*:us-east-1:111122223333:*' }),
    ),
    expected: [
      {
        path: '/Statement/0/Action',
        severity: 'suggestion',
        message:
          'Avoid using wildcards (*, ?) in the service name because it might grant unintended access to other AWS services with similar names.',
      },
      {
        path: '/Statement/0/Resource',
        severity: 'suggestion',
        message:
          'Avoid using wildcards (*, ?) in the service name because it might grant unintended access to other AWS services with similar names.',
      },
    ],
  },
  // conditions
  {
    name: 'an unknown condition operator with no keys (IAM accepts it)',
    code: 'INVALID_CONDITION_OPERATOR',
    input: condition({ StringEqualz: {} }),
    expected: [
      {
        path: '/Statement/0/Condition/StringEqualz',
        severity: 'error',
        message: 'The condition operator is not valid. Use a valid condition operator.',
      },
    ],
  },
  {
    name: 'Null with IfExists',
    code: 'NULL_WITH_IF_EXISTS',
    input: condition({ NullIfExists: { 'aws:TokenIssueTime': 'true' } }),
    expected: [
      {
        path: '/Statement/0/Condition/NullIfExists',
        severity: 'error',
        message:
          'The Null condition operator cannot be used with the IfExists suffix. Update the operator or the suffix.',
      },
    ],
  },
  {
    name: 'Null with a set qualifier',
    code: 'NULL_WITH_QUALIFIER',
    input: condition({ 'ForAllValues:Null': { 'aws:TagKeys': 'false' } }),
    expected: [
      {
        path: '/Statement/0/Condition/ForAllValues:Null',
        severity: 'suggestion',
        message:
          'Avoid using the Null condition operator with the ForAllValues or ForAnyValue qualifiers because they always return a true or false respectively.',
      },
    ],
  },
  {
    name: 'a condition key without a service prefix',
    code: 'INVALID_CONDITION_KEY_FORMAT',
    input: condition({ StringEquals: { username: 'bob' } }),
    expected: [
      {
        path: '/Statement/0/Condition/StringEquals/username',
        severity: 'error',
        message: 'The condition key format is not valid. Use the format service:keyname.',
      },
    ],
  },
  {
    name: 'an unknown global condition key',
    code: 'INVALID_GLOBAL_CONDITION_KEY',
    input: condition({
      StringEquals: { 'aws:UserNames': 'bob', 'AWS:USERNAME': 'bob', 'aws:PrincipalTag/team': 'a' },
    }),
    expected: [
      {
        path: '/Statement/0/Condition/StringEquals/aws:UserNames',
        severity: 'error',
        message: 'The condition key does not exist. Use a valid condition key.',
      },
    ],
  },
  {
    name: 'the unsupported aws:ARN key',
    code: 'UNSUPPORTED_GLOBAL_CONDITION_KEY',
    input: condition({ ArnLike: { 'aws:ARN': 'arn:aws:iam::111122223333:role/*' } }),
    expected: [
      {
        path: '/Statement/0/Condition/ArnLike/aws:ARN',
        severity: 'error',
        message:
          'The condition key aws:ARN is not supported. Use aws:PrincipalArn or aws:SourceArn instead.',
      },
    ],
  },
  {
    name: 'a tag condition key without its tag key',
    code: 'MISSING_TAG_KEY_IN_CONDITION',
    input: condition({ StringEquals: { 'aws:ResourceTag': 'x', 'aws:RequestTag/': 'y' } }),
    expected: [
      {
        path: '/Statement/0/Condition/StringEquals/aws:ResourceTag',
        severity: 'error',
        message:
          'The condition key must include a tag key to control access based on tags. Use the format tag-key and specify a key name for tag-key.',
      },
      {
        path: '/Statement/0/Condition/StringEquals/aws:RequestTag~1',
        severity: 'error',
        message:
          'The condition key must include a tag key to control access based on tags. Use the format tag-key and specify a key name for tag-key.',
      },
    ],
  },
  {
    name: 'a Bool or Null value that is not true or false',
    code: 'TYPE_MISMATCH_BOOLEAN',
    input: condition({ Bool: { 'aws:SecureTransport': ['true', false, 'yes'] } }),
    expected: [
      {
        path: '/Statement/0/Condition/Bool/aws:SecureTransport/2',
        severity: 'warning',
        message: 'Add a valid Boolean value (true or false) for the condition operator.',
      },
    ],
  },
  {
    name: 'a Numeric value that is not a number',
    code: 'TYPE_MISMATCH_NUMBER',
    input: condition({ NumericLessThan: { 'aws:MultiFactorAuthAge': ['3600', 1.5, 'an hour'] } }),
    expected: [
      {
        path: '/Statement/0/Condition/NumericLessThan/aws:MultiFactorAuthAge/2',
        severity: 'warning',
        message: 'Add a valid numeric value for the condition operator.',
      },
    ],
  },
  {
    name: 'an IpAddress value that is not an address or CIDR block',
    code: 'TYPE_MISMATCH_IP_RANGE',
    input: condition({
      IpAddress: {
        'aws:SourceIp': ['203.0.113.0/24', '2001:DB8:1234:5678::/64', '::1', '203.0.113.0/33'],
      },
    }),
    expected: [
      {
        path: '/Statement/0/Condition/IpAddress/aws:SourceIp/3',
        severity: 'warning',
        message:
          'The condition operator is used with an invalid IP range value. Specify the IP range in standard CIDR format.',
      },
    ],
  },
  {
    name: 'a wildcard in a StringEquals value',
    code: 'WILDCARD_WITHOUT_LIKE_OPERATOR',
    input: condition({
      StringEquals: { 'aws:PrincipalTag/job-category': ['admin-*', 'literal-${*}'] },
      StringLike: { 'aws:PrincipalTag/team': 'a*' },
    }),
    expected: [
      {
        path: '/Statement/0/Condition/StringEquals/aws:PrincipalTag~1job-category/0',
        severity: 'warning',
        message:
          'Your condition value includes a * or ? character. If you meant to use a wildcard (*, ?), update the condition operator to include Like.',
      },
    ],
  },
  {
    name: 'an empty Condition or condition block',
    code: 'EMPTY_OBJECT_CONDITION',
    input: policy(
      statement({ Condition: {} }),
      statement({ Action: 's3:PutObject', Condition: { StringEquals: {} } }),
    ),
    expected: [
      {
        path: '/Statement/0/Condition',
        severity: 'suggestion',
        message:
          'This condition block is empty and it does not affect the policy. Specify conditions.',
      },
      {
        path: '/Statement/1/Condition/StringEquals',
        severity: 'suggestion',
        message:
          'This condition block is empty and it does not affect the policy. Specify conditions.',
      },
    ],
  },
  {
    name: 'an empty array of condition values',
    code: 'EMPTY_ARRAY_CONDITION',
    input: condition({ StringEquals: { 'aws:username': [] } }),
    expected: [
      {
        path: '/Statement/0/Condition/StringEquals/aws:username',
        severity: 'suggestion',
        message:
          'There are no values for the condition key and it does not affect the policy. Specify conditions.',
      },
    ],
  },
  {
    name: 'an empty array with ForAllValues',
    code: 'EMPTY_ARRAY_CONDITION_FORALLVALUES',
    input: condition({ 'ForAllValues:StringEquals': { 'aws:TagKeys': [] } }),
    expected: [
      {
        path: '/Statement/0/Condition/ForAllValues:StringEquals/aws:TagKeys',
        severity: 'suggestion',
        message:
          'The ForAllValues prefix with an empty condition key matches only if the key is missing from the request context. To determine if the request context is empty, we recommend that you use the Null condition operator with the value of true instead.',
      },
    ],
  },
  {
    name: 'an empty array with ForAnyValue',
    code: 'EMPTY_ARRAY_CONDITION_FORANYVALUE',
    input: condition({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': [] } }),
    expected: [
      {
        path: '/Statement/0/Condition/ForAnyValue:StringEquals/aws:TagKeys',
        severity: 'suggestion',
        message:
          'The ForAnyValue prefix with an empty condition key never matches the request context and it does not affect the policy. Specify conditions.',
      },
    ],
  },
  {
    name: 'an empty array with IfExists',
    code: 'EMPTY_ARRAY_CONDITION_IFEXISTS',
    input: condition({ StringEqualsIfExists: { 'aws:username': [] } }),
    expected: [
      {
        path: '/Statement/0/Condition/StringEqualsIfExists/aws:username',
        severity: 'suggestion',
        message:
          'The IfExists suffix with an empty condition key matches only if the key is missing from the request context. To determine if the request context is empty, we recommend that you use the Null condition operator with the value of true instead.',
      },
    ],
  },
  // document
  {
    name: 'a resource-based policy without Version',
    code: 'MISSING_VERSION',
    kind: 'resource',
    input: resourcePolicy({}, null),
    expected: [
      {
        path: '',
        severity: 'warning',
        message:
          'We recommend that you specify the Version element to help you with debugging permission issues.',
      },
    ],
  },
  {
    name: 'a policy variable under Version 2008-10-17',
    code: 'VARIABLE_UNSUPPORTED_IN_VERSION',
    kind: 'resource',
    input: resourcePolicy({ Resource: 'arn:aws:s3:::bucket/${aws:username}/*' }, '2008-10-17'),
    expected: [
      {
        path: '/Statement/0/Resource',
        severity: 'error',
        message: 'To include variables in your policy, use the policy version 2012-10-17 or later.',
      },
    ],
  },
  {
    name: 'an empty Sid',
    code: 'EMPTY_SID_VALUE',
    input: policy(statement({ Sid: '' })),
    expected: [
      {
        path: '/Statement/0/Sid',
        severity: 'suggestion',
        message: 'Add a value to the empty string in the Sid element.',
      },
    ],
  },
  // resources
  {
    name: 'an empty Resource array in a resource-based policy',
    code: 'EMPTY_ARRAY_RESOURCE',
    kind: 'resource',
    input: resourcePolicy({ Resource: [] }),
    expected: [
      {
        path: '/Statement/0/Resource',
        severity: 'suggestion',
        message:
          'This statement includes no resources and does not affect the policy. Specify resources.',
      },
    ],
  },
  {
    name: 'an ARN with fewer than six fields',
    code: 'MISSING_ARN_FIELD',
    input: policy(statement({ Resource: 'arn:aws:fdsasf' })),
    expected: [
      {
        path: '/Statement/0/Resource',
        severity: 'error',
        message:
          'Resource ARNs must include at least fields in the following structure: arn:partition:service:region:account:resource',
      },
    ],
  },
  {
    name: 'an ARN that does not start with arn:',
    code: 'INVALID_ARN_PREFIX',
    input: policy(statement({ Resource: 'nra:aws:s3:::bucket' })),
    expected: [
      {
        path: '/Statement/0/Resource',
        severity: 'error',
        message: 'Add the required prefix (arn) to the resource ARN.',
      },
    ],
  },
  {
    name: 'an ARN service in capitals',
    code: 'INVALID_ARN_SERVICE_CASE',
    input: policy(statement({ Resource: 'arn:aws:S3:::bucket' })),
    expected: [
      {
        path: '/Statement/0/Resource',
        severity: 'error',
        message: 'Update the service name in the resource ARN to use all lowercase letters.',
      },
    ],
  },
  {
    name: 'an ARN account that is not 12 digits',
    code: 'INVALID_ARN_ACCOUNT',
    input: policy(
      statement({
        Resource: [
          'arn:aws:sqs:us-east-1:12345:queue',
          'arn:aws:sqs:*:*:q',
          'arn:aws:iam::aws:policy/x',
        ],
      }),
    ),
    expected: [
      {
        path: '/Statement/0/Resource/0',
        severity: 'error',
        message: 'The resource ARN account ID is not valid. Provide a 12-digit account ID.',
      },
    ],
  },
  {
    name: 'a resource covered by another in the same statement',
    code: 'REDUNDANT_RESOURCE',
    input: policy(
      statement({
        Action: 'sts:AssumeRole',
        Resource: [
          'arn:aws:iam::111122223333:role/jane-admin',
          'arn:aws:iam::111122223333:role/jane-s3only',
          'arn:aws:iam::111122223333:role/jane*',
          'arn:aws:iam::111122223333:role/Jane-x',
        ],
      }),
    ),
    expected: [
      {
        path: '/Statement/0/Resource/0',
        severity: 'suggestion',
        message:
          'The resource ARN(s) are redundant because they reference the same resource. Review the use of wildcards (*).',
      },
      {
        path: '/Statement/0/Resource/1',
        severity: 'suggestion',
        message:
          'The resource ARN(s) are redundant because they reference the same resource. Review the use of wildcards (*).',
      },
    ],
  },
  // principals
  {
    name: 'an empty array of principals',
    code: 'EMPTY_ARRAY_PRINCIPAL',
    kind: 'resource',
    input: resourcePolicy({ Principal: { AWS: [] } }),
    expected: [
      {
        path: '/Statement/0/Principal/AWS',
        severity: 'suggestion',
        message:
          'This statement includes no principals and does not affect the policy. Specify principals.',
      },
    ],
  },
  {
    name: 'a wildcard inside an AWS principal',
    code: 'UNSUPPORTED_WILDCARD_IN_PRINCIPAL',
    kind: 'trust',
    input: trustPolicy({ AWS: 'arn:aws:iam::111122223333:role/*' }),
    expected: [
      {
        path: '/Statement/0/Principal/AWS',
        severity: 'error',
        message:
          'Wildcards (*, ?) are not supported with the principal key. Replace the wildcard with a valid principal value.',
      },
    ],
  },
  {
    name: 'a role ID as a principal',
    code: 'INVALID_ROLE_REFERENCE',
    kind: 'trust',
    input: trustPolicy({ AWS: 'AROAEXAMPLEID12345678' }),
    expected: [
      {
        path: '/Statement/0/Principal/AWS',
        severity: 'warning',
        message:
          'The Principal element includes the IAM role ID. We recommend that you use a role ARN instead.',
      },
    ],
  },
  {
    name: 'a user ID as a principal',
    code: 'INVALID_USER_REFERENCE',
    kind: 'trust',
    input: trustPolicy({ AWS: 'AIDAEXAMPLEID12345678' }),
    expected: [
      {
        path: '/Statement/0/Principal/AWS',
        severity: 'warning',
        message:
          'The Principal element includes the IAM user ID. We recommend that you use a user ARN instead.',
      },
    ],
  },
  {
    name: 'Allow with NotPrincipal',
    code: 'ALLOW_WITH_NOT_PRINCIPAL',
    kind: 'resource',
    input: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          NotPrincipal: { AWS: '111122223333' },
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::b/*',
        },
      ],
    },
    expected: [
      {
        path: '/Statement/0/NotPrincipal',
        severity: 'security_warning',
        message:
          'Using Allow with NotPrincipal can be overly permissive. We recommend that you use Principal instead.',
      },
    ],
  },
  // risky grants
  {
    name: 'iam:PassRole on "*"',
    code: 'PASS_ROLE_WITH_STAR_IN_RESOURCE',
    input: policy(
      statement({ Action: 'iam:PassRole' }),
      statement({ Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/*' }),
    ),
    expected: [
      { path: '/Statement/0/Resource', severity: 'security_warning', message: PASS_ROLE_STAR },
      { path: '/Statement/1/Resource', severity: 'security_warning', message: PASS_ROLE_STAR },
    ],
  },
  {
    name: 'a wildcard action covering iam:PassRole on "*"',
    code: 'PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE',
    input: policy(statement({ Action: 'iam:Pass*' })),
    expected: [
      {
        path: '/Statement/0/Resource',
        severity: 'security_warning',
        message:
          'Using wildcards (*) in the action and the resource can be overly permissive because it allows iam:PassRole permissions on all resources. We recommend that you specify resource ARNs or add the iam:PassedToService condition key to your statement.',
      },
    ],
  },
  {
    name: 'NotAction leaving iam:PassRole on "*"',
    code: 'PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION',
    input: policy(notAction({})),
    expected: [
      {
        path: '/Statement/0/Resource',
        severity: 'security_warning',
        message:
          'Using a resource with wildcards (*) and NotAction can be overly permissive because it allows iam:PassRole permissions on all resources. We recommend that you specify resource ARNs or add the iam:PassedToService condition key to your statement.',
      },
    ],
  },
  {
    name: 'iam:PassRole with NotResource',
    code: 'PASS_ROLE_WITH_NOT_RESOURCE',
    input: policy(notResource({ Action: 'iam:PassRole' })),
    expected: [
      {
        path: '/Statement/0/NotResource',
        severity: 'security_warning',
        message:
          'Using the iam:PassRole action with NotResource can be overly permissive because it can allow iam:PassRole permissions on multiple resources. We recommend that you specify resource ARNs instead.',
      },
    ],
  },
  {
    name: 'a wildcard action covering iam:PassRole with NotResource',
    code: 'PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE',
    input: policy(notResource({ Action: 'iam:*' })),
    expected: [
      {
        path: '/Statement/0/NotResource',
        severity: 'security_warning',
        message:
          'Using an action with a wildcard (*) and NotResource can be overly permissive because it can allow iam:PassRole permissions on multiple resources. We recommend that you specify resource ARNs instead.',
      },
    ],
  },
  {
    name: 'NotAction with NotResource, reaching iam:PassRole',
    code: 'PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE',
    input: policy(notResource({ Action: undefined, NotAction: 's3:*' })),
    expected: [
      {
        path: '/Statement/0/NotResource',
        severity: 'security_warning',
        message:
          'Using NotAction with NotResource can be overly permissive because it can allow iam:PassRole permissions on multiple resources. We recommend that you specify resource ARNs instead.',
      },
    ],
  },
  {
    name: 'iam:CreateServiceLinkedRole on "*"',
    code: 'CREATE_SLR_WITH_STAR_IN_RESOURCE',
    input: policy(statement({ Action: 'iam:CreateServiceLinkedRole' })),
    expected: [
      {
        path: '/Statement/0/Resource',
        severity: 'warning',
        message:
          'Using the iam:CreateServiceLinkedRole action with wildcards (*) in the resource can allow creation of unintended service-linked roles. We recommend that you specify resource ARNs instead.',
      },
    ],
  },
  {
    name: 'a wildcard action covering iam:CreateServiceLinkedRole on "*"',
    code: 'CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE',
    input: policy(statement({ Action: 'iam:Create*' })),
    expected: [
      {
        path: '/Statement/0/Resource',
        severity: 'warning',
        message:
          'Using wildcards (*) in the action and the resource can allow creation of unintended service-linked roles because it allows iam:CreateServiceLinkedRole permissions on all resources. We recommend that you specify resource ARNs instead.',
      },
    ],
  },
  {
    name: 'NotAction leaving iam:CreateServiceLinkedRole on "*"',
    code: 'CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION',
    input: policy(notAction({})),
    expected: [
      {
        path: '/Statement/0/Resource',
        severity: 'warning',
        message:
          'Using a resource with wildcards (*) and NotAction can allow creation of unintended service-linked roles because it allows iam:CreateServiceLinkedRole permissions on all resources. We recommend that you specify resource ARNs instead.',
      },
    ],
  },
  {
    name: 'iam:CreateServiceLinkedRole with NotResource',
    code: 'CREATE_SLR_WITH_NOT_RESOURCE',
    input: policy(notResource({ Action: 'iam:CreateServiceLinkedRole' })),
    expected: [
      {
        path: '/Statement/0/NotResource',
        severity: 'warning',
        message:
          'Using the iam:CreateServiceLinkedRole action with NotResource can allow creation of unintended service-linked roles for multiple resources. We recommend that you specify resource ARNs instead.',
      },
    ],
  },
  {
    name: 'a wildcard action covering iam:CreateServiceLinkedRole with NotResource',
    code: 'CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE',
    input: policy(notResource({ Action: 'iam:*' })),
    expected: [
      {
        path: '/Statement/0/NotResource',
        severity: 'warning',
        message:
          'Using an action with a wildcard(*) and NotResource can allow creation of unintended service-linked roles because it can allow iam:CreateServiceLinkedRole permissions on multiple resources. We recommend that you specify resource ARNs instead.',
      },
    ],
  },
  {
    name: 'NotAction with NotResource, reaching iam:CreateServiceLinkedRole',
    code: 'CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE',
    input: policy(notResource({ Action: undefined, NotAction: 's3:*' })),
    expected: [
      {
        path: '/Statement/0/NotResource',
        severity: 'warning',
        message:
          'Using NotAction with NotResource can allow creation of unintended service-linked roles because it allows iam:CreateServiceLinkedRole permissions on multiple resources. We recommend that you specify resource ARNs instead.',
      },
    ],
  },
  {
    name: 'Allow with NotAction on "*"',
    code: 'ALLOW_NOT_ACTION_WITH_STAR_RESOURCE',
    input: policy(notAction({})),
    expected: [
      {
        path: '/Statement/0/NotAction',
        severity: 'security_warning',
        message:
          'Using Allow with NotAction and a wildcard (*) in the resource grants every action that is not listed, including actions AWS adds later, on all resources. We recommend that you list the actions to allow instead.',
      },
    ],
  },
  {
    name: 'Allow "*" on "*"',
    code: 'ALLOW_STAR_ACTION_ON_STAR_RESOURCE',
    input: policy(statement({ Action: '*' }), { ...statement({ Action: '*' }), Effect: 'Deny' }),
    expected: [
      {
        path: '/Statement/0',
        severity: 'security_warning',
        message:
          'This statement allows every action on every resource (full administrator access). We recommend that you grant only the actions and resources that are needed.',
      },
    ],
  },
  // redundancy
  {
    name: 'a duplicate action, or one under a wildcard of the same statement',
    code: 'REDUNDANT_ACTION',
    input: policy(
      statement({
        Action: [
          'iam:Get*',
          'iam:List*',
          'iam:GetCredentialReport',
          'iam:*CredentialReport',
          'IAM:list*',
        ],
      }),
    ),
    expected: [
      {
        path: '/Statement/0/Action/2',
        severity: 'suggestion',
        message:
          'The action(s) are redundant because they provide similar permissions. Update the policy to remove the redundant action such as: iam:GetCredentialReport.',
      },
      {
        path: '/Statement/0/Action/4',
        severity: 'suggestion',
        message:
          'The action(s) are redundant because they provide similar permissions. Update the policy to remove the redundant action such as: IAM:list*.',
      },
    ],
  },
  {
    name: 'a statement that repeats another',
    code: 'REDUNDANT_STATEMENT',
    input: policy(
      statement({ Sid: 'One', Action: ['s3:PutObject', 's3:GetObject'] }),
      statement({ Sid: 'Two', Action: ['s3:getobject', 's3:PutObject'] }),
      statement({ Action: 's3:GetObject' }),
    ),
    expected: [
      {
        path: '/Statement/1',
        severity: 'suggestion',
        message:
          'The statements are redundant because they provide identical permissions. Update the policy to remove the redundant statement.',
      },
    ],
  },
];

describe('validatePolicy: findings (tier 2)', () => {
  it.each(cases.map((c) => [c.code, c.name, c] as const))('%s: %s', (code, _name, c) => {
    const result = validatePolicy(c.input, { kind: c.kind ?? 'identity' });
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.findings.filter((f) => f.code === code)).toEqual(
      c.expected.map((e) => ({ ...e, code })),
    );
  });

  it('has a case for every finding code', () => {
    expect(new Set(cases.map((c) => c.code))).toEqual(new Set(Object.keys(FINDING_CODES)));
  });

  it('finds nothing in a tidy policy', () => {
    const tidy = policy(
      statement({
        Sid: 'Read',
        Action: ['s3:GetObject', 's3:ListBucket'],
        Resource: ['arn:aws:s3:::bucket', 'arn:aws:s3:::bucket/*'],
      }),
    );
    expect(validatePolicy(tidy).findings).toEqual([]);
  });

  it('drops the PassRole finding when iam:PassedToService narrows the grant', () => {
    const narrowed = policy(
      statement({
        Action: 'iam:PassRole',
        Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } },
      }),
    );
    expect(validatePolicy(narrowed).findings).toEqual([]);
  });

  it('still reports findings on the well-formed parts of a rejected policy', () => {
    const result = validatePolicy(policy(statement({ Sid: 'not-alnum', Action: 's3:GetObjekt' })));
    expect(result.valid).toBe(false);
    expect(result.findings.map((f) => f.code)).toEqual(['INVALID_ACTION']);
  });
});
