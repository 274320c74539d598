/** A tag as AWS shapes it (`{"Key": ..., "Value": ...}`); keys are unique case-insensitively. */
export interface IamTag {
  Key: string;
  Value: string;
}

/**
 * An AWS managed policy as the account saw it when it was attached or set as a boundary. AWS
 * publishes these outside the account, so the event records the document it used: projections
 * and replay never consult the catalogue, and upgrading it never rewrites history.
 */
export interface AwsManagedPolicyPayload {
  policyArn: string;
  policyName: string;
  path: string;
  defaultVersionId: string;
  /** JSON text of the default version. */
  document: string;
}
