import { PolicyError, PolicyKind, SizeLimitName, validatePolicy } from './index';

/**
 * Tier 1: one test per rule IAM enforces when a policy is stored. Each asserts the whole error
 * list, so a rule that fires more than once, or drags another along, fails its test.
 */

type Json = Record<string, unknown>;

const V = '2012-10-17';
const statement = (extra: Json = {}): Json => ({
  Effect: 'Allow',
  Action: 's3:GetObject',
  Resource: '*',
  ...extra,
});
const without = (object: Json, ...keys: string[]): Json =>
  Object.fromEntries(Object.entries(object).filter(([k]) => !keys.includes(k)));
const policy = (...statements: Json[]): Json => ({ Version: V, Statement: statements });
const trustStatement = (extra: Json = {}): Json => ({
  Effect: 'Allow',
  Principal: { Service: 'ec2.amazonaws.com' },
  Action: 'sts:AssumeRole',
  ...extra,
});
const resourceStatement = (extra: Json = {}): Json => ({
  Effect: 'Allow',
  Principal: { AWS: '111122223333' },
  Action: 's3:GetObject',
  Resource: 'arn:aws:s3:::bucket/*',
  ...extra,
});

const trustPolicyWith = (condition: Json): Json => ({
  Version: V,
  Statement: [trustStatement({ Condition: condition })],
});

const SYNTAX = 'Syntax errors in policy.';
const LEGACY = 'The policy failed legacy parsing';

function expectErrors(
  input: unknown,
  expected: Omit<PolicyError, 'detail'>[],
  kind: PolicyKind = 'identity',
): void {
  const result = validatePolicy(input, { kind });
  expect(result.errors.map(({ path, code, message }) => ({ path, code, message }))).toEqual(
    expected,
  );
  expect(result.valid).toBe(false);
  for (const error of result.errors) expect(typeof error.detail).toBe('string');
}

function expectValid(input: unknown, kind: PolicyKind = 'identity'): void {
  const result = validatePolicy(input, { kind });
  expect(result.errors).toEqual([]);
  expect(result.valid).toBe(true);
}

const malformed = (path: string, message: string): Omit<PolicyError, 'detail'> => ({
  path,
  code: 'MalformedPolicyDocument',
  message,
});

describe('validatePolicy: rejections (tier 1)', () => {
  it('accepts a minimal identity policy, given as an object or as JSON text', () => {
    expectValid(policy(statement()));
    expectValid(JSON.stringify(policy(statement()), null, 2));
  });

  describe('JSON and document shape', () => {
    it('rejects text that is not JSON', () => {
      expectErrors('{"Version": "2012-10-17",', [malformed('', SYNTAX)]);
    });
    it('answers unparsable JSON in a trust policy the way CreateRole does', () => {
      expectErrors('not json', [malformed('', 'This policy contains invalid Json')], 'trust');
    });
    it('rejects a value that cannot be serialised as JSON (BigInt, cycles, undefined)', () => {
      const cyclic: Json = { Version: V };
      cyclic['Statement'] = cyclic;
      expectErrors({ Version: V, Statement: statement({ Sid: BigInt(1) }) }, [
        malformed('', SYNTAX),
      ]);
      expectErrors(cyclic, [malformed('', SYNTAX)]);
      expectErrors(undefined, [malformed('', SYNTAX)]);
    });
    it('rejects a document that is not a JSON object', () => {
      expectErrors([policy(statement())], [malformed('', SYNTAX)]);
    });
    it('rejects an unknown top-level element', () => {
      expectErrors({ ...policy(statement()), 'Extra field': 'value' }, [
        malformed('/Extra field', SYNTAX),
      ]);
    });
    it('rejects an Id that is not a string', () => {
      expectErrors({ ...policy(statement()), Id: ['x'] }, [malformed('/Id', SYNTAX)]);
    });
    it('rejects a document without Statement', () => {
      expectErrors({ Version: V }, [malformed('', SYNTAX)]);
    });
    it('rejects an empty Statement array', () => {
      expectErrors({ Version: V, Statement: [] }, [malformed('/Statement', SYNTAX)]);
    });
    it('rejects a Statement that is neither an object nor an array', () => {
      expectErrors({ Version: V, Statement: 'afd' }, [malformed('/Statement', SYNTAX)]);
    });
    it('rejects a statement that is not an object', () => {
      expectErrors({ Version: V, Statement: [statement(), 'afd'] }, [
        malformed('/Statement/1', SYNTAX),
      ]);
    });
    it('accepts Statement as a single object', () => {
      expectValid({ Version: V, Statement: statement() });
    });
    it('rejects an unknown statement element, escaping it in the pointer', () => {
      expectErrors(policy(statement({ 'a/b~c': 'value' })), [
        malformed('/Statement/0/a~1b~0c', SYNTAX),
      ]);
    });
  });

  describe('Version', () => {
    it('rejects a Version IAM does not know', () => {
      expectErrors({ ...policy(statement()), Version: '2013-10-17' }, [
        malformed('/Version', SYNTAX),
      ]);
    });
    it('requires a Version in an identity policy', () => {
      expectErrors({ Statement: [statement()] }, [
        malformed('', 'Policy document must be version 2012-10-17 or greater.'),
      ]);
    });
    it('refuses Version 2008-10-17 in identity policies and permissions boundaries', () => {
      const old = { ...policy(statement()), Version: '2008-10-17' };
      expectErrors(old, [
        malformed('/Version', 'Policy document must be version 2012-10-17 or greater.'),
      ]);
      expectErrors(
        old,
        [malformed('/Version', 'Policy document must be version 2012-10-17 or greater.')],
        'boundary',
      );
    });
    it('accepts Version 2008-10-17, or none, in resource-based and trust policies', () => {
      expectValid({ Version: '2008-10-17', Statement: [resourceStatement()] }, 'resource');
      expectValid({ Statement: [trustStatement()] }, 'trust');
    });
  });

  describe('Effect', () => {
    it('rejects a statement without Effect', () => {
      expectErrors(policy(without(statement(), 'Effect')), [malformed('/Statement/0', SYNTAX)]);
    });
    it('rejects an Effect other than Allow or Deny', () => {
      expectErrors(policy(statement({ Effect: 'invalid' })), [
        malformed('/Statement/0/Effect', SYNTAX),
      ]);
      expectErrors(policy(statement({ Effect: true })), [malformed('/Statement/0/Effect', SYNTAX)]);
    });
    it('rejects Allow or Deny spelt in another case (legacy parsing)', () => {
      expectErrors(policy(statement({ Effect: 'denY' })), [
        malformed('/Statement/0/Effect', LEGACY),
      ]);
    });
  });

  describe('Sid', () => {
    it('rejects a Sid that is not a string', () => {
      expectErrors(policy(statement({ Sid: {} })), [malformed('/Statement/0/Sid', SYNTAX)]);
    });
    it('rejects a non-alphanumeric Sid in identity policies only', () => {
      const message =
        'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*';
      expectErrors(policy(statement({ Sid: 'Allow-Read' })), [
        malformed('/Statement/0/Sid', message),
      ]);
      expectValid(policy(resourceStatement({ Sid: 'Allow-Read' })), 'resource');
    });
    it('rejects two statements with the same non-empty Sid, at the second', () => {
      expectErrors(
        policy(statement({ Sid: 'sdf' }), statement({ Sid: 'sdf', Action: 's3:PutObject' })),
        [malformed('/Statement/1/Sid', 'Statement IDs (SID) in a single policy must be unique.')],
      );
    });
    it('accepts several empty Sids', () => {
      expectValid(policy(statement({ Sid: '' }), statement({ Sid: '', Action: 's3:PutObject' })));
    });
  });

  describe('Action and NotAction', () => {
    it('rejects a statement without Action or NotAction', () => {
      expectErrors(policy(without(statement(), 'Action')), [
        malformed('/Statement/0', 'Policy statement must contain actions.'),
      ]);
    });
    it('rejects an empty Action array', () => {
      expectErrors(policy(statement({ Action: [] })), [
        malformed('/Statement/0/Action', 'Policy statement must contain actions.'),
      ]);
    });
    it('rejects Action together with NotAction', () => {
      expectErrors(policy(statement({ NotAction: 's3:PutObject' })), [
        malformed('/Statement/0/NotAction', SYNTAX),
      ]);
    });
    it('rejects an Action that is not a string or an array of strings', () => {
      expectErrors(policy(statement({ Action: {} })), [malformed('/Statement/0/Action', SYNTAX)]);
      expectErrors(policy(statement({ Action: ['s3:GetObject', []] })), [
        malformed('/Statement/0/Action/1', SYNTAX),
      ]);
    });
    it('rejects an action without a service prefix, but accepts "*"', () => {
      expectErrors(policy(statement({ Action: ['*', 'invalid'] })), [
        malformed(
          '/Statement/0/Action/1',
          'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.',
        ),
      ]);
      expectErrors(policy(without(statement({ NotAction: '' }), 'Action')), [
        malformed(
          '/Statement/0/NotAction',
          'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.',
        ),
      ]);
    });
    it('rejects an action with more than one colon', () => {
      expectErrors(policy(statement({ Action: 's3:List:Bucket' })), [
        malformed('/Statement/0/Action', 'Actions/Condition can contain only one colon.'),
      ]);
    });
    it('rejects a service prefix with characters other than letters, digits, "." and "-"', () => {
      expectErrors(policy(statement({ Action: 'a a:ListBucket' })), [
        malformed('/Statement/0/Action', 'Vendor a a is not valid'),
      ]);
      expectErrors(policy(statement({ Action: 's3*:Get*' })), [
        malformed('/Statement/0/Action', 'Vendor s3* is not valid'),
      ]);
    });
    it('accepts unknown services and actions (CreatePolicy is lenient)', () => {
      expectValid(
        policy(
          statement({
            Action: ['fsx:ListBucket', 'service-prefix:action-name', 'iam: asdf safdsf af '],
          }),
        ),
      );
    });
  });

  describe('Resource and NotResource', () => {
    it('requires Resource or NotResource in an identity policy', () => {
      expectErrors(policy(without(statement(), 'Resource')), [
        malformed('/Statement/0', 'Policy statement must contain resources.'),
      ]);
    });
    it('rejects an empty Resource array in an identity policy', () => {
      expectErrors(policy(statement({ Resource: [] })), [
        malformed('/Statement/0/Resource', 'Policy statement must contain resources.'),
      ]);
    });
    it('rejects Resource together with NotResource', () => {
      expectErrors(policy(statement({ NotResource: '*' })), [
        malformed('/Statement/0/NotResource', SYNTAX),
      ]);
    });
    it('rejects a Resource that is not a string or an array of strings', () => {
      expectErrors(policy(statement({ Resource: { a: 'arn:aws:s3:::b' } })), [
        malformed('/Statement/0/Resource', SYNTAX),
      ]);
      expectErrors(policy(statement({ Resource: ['adfdf', {}] })), [
        malformed('/Statement/0/Resource/1', SYNTAX),
        malformed('/Statement/0/Resource/0', 'Resource adfdf must be in ARN format or "*".'),
      ]);
    });
    it('rejects a resource that is neither "*" nor an ARN', () => {
      expectErrors(policy(statement({ Resource: ['arn:aws:s3:::b', 'invalid resource'] })), [
        malformed(
          '/Statement/0/Resource/1',
          'Resource invalid resource must be in ARN format or "*".',
        ),
      ]);
      expectErrors(policy(statement({ Resource: '' })), [
        malformed('/Statement/0/Resource', 'Resource  must be in ARN format or "*".'),
      ]);
    });
    it('rejects an unknown partition, quoting the resource as IAM does', () => {
      expectErrors(policy(statement({ Resource: 'a:b:cadfsdf' })), [
        malformed(
          '/Statement/0/Resource',
          'Partition "b" is not valid for resource "arn:b:cadfsdf:*:*:*".',
        ),
      ]);
      expectErrors(policy(statement({ Resource: 'aws:s3:::example_bucket' })), [
        malformed(
          '/Statement/0/Resource',
          'Partition "s3" is not valid for resource "arn:s3:::example_bucket:*".',
        ),
      ]);
    });
    it('accepts every AWS partition', () => {
      const partitions = [
        'aws',
        'aws-cn',
        'aws-us-gov',
        'aws-iso',
        'aws-iso-b',
        'aws-iso-e',
        'aws-iso-f',
        'aws-eusc',
        '*',
      ];
      expectValid(policy(statement({ Resource: partitions.map((p) => `arn:${p}:s3:::bucket`) })));
    });
    it('rejects an ARN that ends after its partition', () => {
      expectErrors(policy(statement({ Resource: 'arn:aws' })), [
        malformed(
          '/Statement/0/Resource',
          'Resource vendor must be fully qualified and cannot contain regexes.',
        ),
      ]);
    });
    it('rejects a Region in an IAM ARN', () => {
      expectErrors(policy(statement({ Resource: 'arn:aws:iam:us-east-1::user/x' })), [
        malformed(
          '/Statement/0/Resource',
          'IAM resource arn:aws:iam:us-east-1::user/x cannot contain region information.',
        ),
      ]);
    });
    it('rejects a Region in an S3 bucket or object ARN, not in an access point ARN', () => {
      expectErrors(policy(statement({ Resource: 'arn:aws:s3:us-east-1::example_bucket' })), [
        malformed(
          '/Statement/0/Resource',
          'Resource arn:aws:s3:us-east-1::example_bucket can not contain region information.',
        ),
      ]);
      expectValid(
        policy(
          statement({ Resource: 'arn:aws:s3:us-west-2:123456789012:accesspoint/my-access-point' }),
        ),
      );
    });
    it('rejects an IAM ARN naming an unknown kind of IAM resource', () => {
      expectErrors(policy(statement({ Resource: 'arn:aws:iam::123456789012:bucket/x' })), [
        malformed(
          '/Statement/0/Resource',
          'IAM resource path must either be "*", root, or start with user/, federated-user/, role/, group/, instance-profile/, mfa/, server-certificate/, policy/, sms-mfa/, saml-provider/, oidc-provider/, report/, access-report/.',
        ),
      ]);
    });
    it('accepts every kind of IAM resource, root and "*"', () => {
      const kinds = [
        'user/a',
        'federated-user/a',
        'role/a',
        'group/a',
        'instance-profile/a',
        'mfa/a',
        'server-certificate/a',
        'policy/a',
        'sms-mfa/a',
        'saml-provider/a',
        'oidc-provider/a',
        'report/a',
        'access-report/a',
        'root',
        '*',
      ];
      expectValid(
        policy(statement({ Resource: kinds.map((k) => `arn:aws:iam::123456789012:${k}`) })),
      );
    });
    it('rejects, in legacy parsing, an ARN with an empty field but fewer than six fields', () => {
      expectErrors(policy(statement({ Resource: 'arn:aws:s3::example_bucket' })), [
        malformed('/Statement/0/Resource', LEGACY),
      ]);
    });
    it('rejects, in legacy parsing, an ARN with an empty service', () => {
      expectErrors(policy(statement({ Resource: 'arn:aws::::example_bucket' })), [
        malformed('/Statement/0/Resource', LEGACY),
      ]);
    });
    it('accepts loosely formed ARNs of any service (CreatePolicy is lenient)', () => {
      expectValid(
        policy(
          statement({
            Resource: [
              'arn:aws:fdsasf',
              'arn:aws:invalid-service:us-east-1::x',
              'arn:aws:rds:region:*:*',
            ],
          }),
        ),
      );
    });
    it('checks NotResource like Resource', () => {
      expectErrors(policy(without(statement({ NotResource: ['adf'] }), 'Resource')), [
        malformed('/Statement/0/NotResource/0', 'Resource adf must be in ARN format or "*".'),
      ]);
    });
  });

  describe('Principal and NotPrincipal', () => {
    it('rejects a Principal in an identity policy or a permissions boundary', () => {
      const message = 'Policy document should not specify a principal.';
      expectErrors(policy(statement({ Principal: { AWS: '*' } })), [
        malformed('/Statement/0/Principal', message),
      ]);
      expectErrors(
        policy(statement({ NotPrincipal: { AWS: '*' } })),
        [malformed('/Statement/0/NotPrincipal', message)],
        'boundary',
      );
    });
    it('rejects a Principal in a service control policy', () => {
      expectErrors(
        policy(statement({ Principal: '*' })),
        [
          malformed(
            '/Statement/0/Principal',
            'The provided policy document does not meet the requirements of the specified policy type.',
          ),
        ],
        'scp',
      );
    });
    it('requires a Principal in resource-based and trust policies', () => {
      expectErrors(
        policy(without(resourceStatement(), 'Principal')),
        [malformed('/Statement/0', 'Missing required field Principal')],
        'resource',
      );
      expectErrors(
        policy(without(trustStatement(), 'Principal')),
        [malformed('/Statement/0', 'Missing required field Principal')],
        'trust',
      );
    });
    it('rejects an empty Principal object', () => {
      expectErrors(
        policy(trustStatement({ Principal: {} })),
        [malformed('/Statement/0/Principal', 'Missing required field Principal cannot be empty!')],
        'trust',
      );
    });
    it('rejects Principal together with NotPrincipal', () => {
      expectErrors(
        policy(resourceStatement({ NotPrincipal: { AWS: '111122223333' } })),
        [malformed('/Statement/0/NotPrincipal', SYNTAX)],
        'resource',
      );
    });
    it('rejects a Principal that is neither "*" nor an object', () => {
      expectErrors(
        policy(resourceStatement({ Principal: 'arn:aws:iam::111122223333:root' })),
        [malformed('/Statement/0/Principal', SYNTAX)],
        'resource',
      );
      expectErrors(
        policy(resourceStatement({ Principal: ['*'] })),
        [malformed('/Statement/0/Principal', SYNTAX)],
        'resource',
      );
    });
    it('rejects a principal type other than AWS, Service, Federated and CanonicalUser', () => {
      expectErrors(
        policy(resourceStatement({ Principal: { AWS: '*', User: 'bob' } })),
        [malformed('/Statement/0/Principal/User', SYNTAX)],
        'resource',
      );
    });
    it('rejects a principal value that is not a string', () => {
      expectErrors(
        policy(resourceStatement({ Principal: { AWS: 111122223333 } })),
        [malformed('/Statement/0/Principal/AWS', SYNTAX)],
        'resource',
      );
      expectErrors(
        policy(resourceStatement({ Principal: { AWS: ['111122223333', null] } })),
        [malformed('/Statement/0/Principal/AWS/1', SYNTAX)],
        'resource',
      );
    });
    it('rejects an AWS principal that is not "*", an account ID or an IAM/STS ARN', () => {
      expectErrors(
        policy(trustStatement({ Principal: { AWS: ['111122223333', 'bob'] } })),
        [malformed('/Statement/0/Principal/AWS/1', 'Invalid principal in policy: "AWS":"bob"')],
        'trust',
      );
    });
    it('accepts the usual principal forms', () => {
      expectValid(
        policy(
          trustStatement({
            Principal: {
              AWS: [
                '*',
                '111122223333',
                'arn:aws:iam::111122223333:root',
                'arn:aws:iam::111122223333:role/x',
                'arn:aws:sts::111122223333:assumed-role/x/s',
              ],
              Service: ['ec2.amazonaws.com'],
              Federated: 'cognito-identity.amazonaws.com',
            },
          }),
          trustStatement({
            Principal: '*',
            Action: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'],
          }),
        ),
        'trust',
      );
    });
  });

  describe('trust policies', () => {
    it('rejects Resource and NotResource in a trust policy', () => {
      expectErrors(
        policy(trustStatement({ Resource: '*' })),
        [malformed('/Statement/0/Resource', 'Has prohibited field Resource')],
        'trust',
      );
      expectErrors(
        policy(trustStatement({ NotResource: '*' })),
        [malformed('/Statement/0/NotResource', 'Has prohibited field NotResource')],
        'trust',
      );
    });
    it('rejects actions outside sts: in a trust policy', () => {
      expectErrors(
        policy(trustStatement({ Action: ['sts:AssumeRole', 's3:GetObject'] })),
        [
          malformed(
            '/Statement/0/Action/1',
            'AssumeRole policy may only specify STS AssumeRole actions.',
          ),
        ],
        'trust',
      );
    });
  });

  describe('Condition', () => {
    it('rejects a Condition that is not an object', () => {
      expectErrors(policy(statement({ Condition: [] })), [
        malformed('/Statement/0/Condition', SYNTAX),
      ]);
    });
    it('rejects a condition operator whose value is not an object', () => {
      expectErrors(policy(statement({ Condition: { DateGreaterThan: 'b' } })), [
        malformed('/Statement/0/Condition/DateGreaterThan', SYNTAX),
      ]);
    });
    it('rejects an unknown condition operator that has keys', () => {
      expectErrors(policy(statement({ Condition: { StringEqualz: { 'aws:username': 'bob' } } })), [
        malformed('/Statement/0/Condition/StringEqualz', 'Invalid Condition type : StringEqualz'),
      ]);
      expectErrors(
        policy(statement({ Condition: { 'ForAnyValue::StringEqualsIfExists': { a: 'asf' } } })),
        [
          malformed(
            '/Statement/0/Condition/ForAnyValue::StringEqualsIfExists',
            'Invalid Condition type : ForAnyValue::StringEqualsIfExists',
          ),
        ],
      );
    });
    it('matches operator names case-sensitively, as IAM does', () => {
      expectErrors(
        trustPolicyWith({ stringEquals: { 'sts:ExternalId': 'x' } }),
        [malformed('/Statement/0/Condition/stringEquals', 'Invalid Condition type : stringEquals')],
        'trust',
      );
    });
    it('accepts qualifiers, IfExists, and an unknown operator with no keys', () => {
      expectValid(
        policy(
          statement({
            Condition: { 'ForAnyValue:StringEqualsIfExists': { 'aws:TagKeys': 'a' }, x: {} },
          }),
        ),
      );
    });
    it('rejects a condition value that is an object or null', () => {
      expectErrors(policy(statement({ Condition: { StringEquals: { 'aws:username': {} } } })), [
        malformed('/Statement/0/Condition/StringEquals/aws:username', SYNTAX),
      ]);
      expectErrors(
        policy(statement({ Condition: { StringEquals: { 'aws:username': ['a', null] } } })),
        [malformed('/Statement/0/Condition/StringEquals/aws:username/1', SYNTAX)],
      );
    });
    it('accepts strings, numbers and booleans as condition values', () => {
      expectValid(
        policy(
          statement({
            Condition: {
              Bool: { 'aws:SecureTransport': false },
              NumericLessThan: { 'aws:MultiFactorAuthAge': [3600, '7200'] },
            },
          }),
        ),
      );
    });
    it('rejects, in legacy parsing, a Date condition value IAM cannot read', () => {
      expectErrors(
        policy(
          statement({
            Condition: {
              DateGreaterThan: { 'aws:CurrentTime': ['2017-07-01T00:00:00Z', 'sdfdsf'] },
            },
          }),
        ),
        [malformed('/Statement/0/Condition/DateGreaterThan/aws:CurrentTime/1', LEGACY)],
      );
    });
  });

  describe('size quotas', () => {
    /** A policy of exactly `size` characters, white space not counted. */
    function policyOfSize(size: number): string {
      const base = JSON.stringify(policy(statement({ Sid: '' })));
      return base.replace('"Sid":""', `"Sid":"${'A'.repeat(size - base.length)}"`);
    }
    const limitExceeded = (message: string): Omit<PolicyError, 'detail'> => ({
      path: '',
      code: 'LimitExceeded',
      message,
    });

    it('holds identity policies to the managed-policy quota by default, white space not counted', () => {
      expectValid(policyOfSize(6144));
      expectValid(policyOfSize(6144).replace(/,/g, ' ,\n\t'));
      expectErrors(policyOfSize(6145), [limitExceeded('Cannot exceed quota for PolicySize: 6144')]);
    });
    it('holds trust policies to the ACLSizePerRole quota by default', () => {
      const doc = JSON.stringify({
        Version: V,
        Statement: [trustStatement({ Sid: 'A'.repeat(2100) })],
      });
      expectErrors(doc, [limitExceeded('Cannot exceed quota for ACLSizePerRole: 2048')], 'trust');
    });
    it.each<[SizeLimitName, number, string]>([
      ['user-inline', 2048, 'Maximum policy size of 2048 bytes exceeded for user'],
      ['group-inline', 5120, 'Maximum policy size of 5120 bytes exceeded for group'],
      ['role-inline', 10240, 'Maximum policy size of 10240 bytes exceeded for role'],
      ['managed', 6144, 'Cannot exceed quota for PolicySize: 6144'],
    ])('applies the %s quota of %i characters', (sizeLimit, size, message) => {
      expect(validatePolicy(policyOfSize(size), { sizeLimit }).errors).toEqual([]);
      expect(validatePolicy(policyOfSize(size + 1), { sizeLimit }).errors).toEqual([
        expect.objectContaining(limitExceeded(message)),
      ]);
    });
    it('applies a quota given as a number, and none when it is null', () => {
      expect(validatePolicy(policyOfSize(300), { sizeLimit: 300 }).errors).toEqual([]);
      expect(validatePolicy(policyOfSize(301), { sizeLimit: 300 }).errors).toEqual([
        expect.objectContaining(limitExceeded('Cannot exceed quota for PolicySize: 300')),
      ]);
      expect(validatePolicy(policyOfSize(20000), { sizeLimit: null }).valid).toBe(true);
    });
    it('has no default quota for resource-based policies and SCPs', () => {
      const big = { Version: V, Statement: [resourceStatement({ Sid: 'A'.repeat(20000) })] };
      expect(validatePolicy(big, { kind: 'resource' }).valid).toBe(true);
    });
  });

  it('orders errors as IAM checks them, so the first is the one IAM would report', () => {
    const result = validatePolicy({
      Statement: [
        { Effect: 'Allow', Action: 'invalid', Resource: 'bad' },
        { Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Extra: 1 },
      ],
    });
    expect(result.errors.map((e) => e.message)).toEqual([
      SYNTAX,
      'Policy document must be version 2012-10-17 or greater.',
      'Resource bad must be in ARN format or "*".',
      'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.',
    ]);
  });
});
