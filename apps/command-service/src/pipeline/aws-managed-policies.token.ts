/** Injection token of the AWS managed policy catalogue (loaded once at start). */
export const AWS_MANAGED_POLICIES = Symbol('AwsManagedPolicies');
