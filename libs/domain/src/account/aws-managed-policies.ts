/**
 * The AWS managed policies (`arn:aws:iam::aws:policy/<path><name>`) that exist, read-only, in
 * every account. The domain sees them only through this interface; an adapter outside the pure
 * domain loads them (see libs/domain/aws-managed/).
 */
export interface AwsManagedPolicy {
  readonly arn: string;
  readonly policyName: string;
  readonly path: string;
  readonly defaultVersionId: string;
  /** JSON text of the default version. */
  readonly document: string;
}

export interface AwsManagedPolicyCatalog {
  get(arn: string): AwsManagedPolicy | undefined;
  /** Every policy, for ListPolicies with Scope AWS or All. */
  list(): Iterable<AwsManagedPolicy>;
}

/** A catalogue held in memory, e.g. for tests or a fixed subset. */
export class InMemoryAwsManagedPolicyCatalog implements AwsManagedPolicyCatalog {
  private readonly byArn: ReadonlyMap<string, AwsManagedPolicy>;

  constructor(policies: Iterable<AwsManagedPolicy>) {
    this.byArn = new Map([...policies].map((p) => [p.arn, Object.freeze({ ...p })]));
  }

  get(arn: string): AwsManagedPolicy | undefined {
    return this.byArn.get(arn);
  }

  list(): Iterable<AwsManagedPolicy> {
    return this.byArn.values();
  }

  get size(): number {
    return this.byArn.size;
  }
}

/** No AWS managed policies: what an account sees when none was injected. */
export const NO_AWS_MANAGED_POLICIES: AwsManagedPolicyCatalog = new InMemoryAwsManagedPolicyCatalog(
  [],
);
