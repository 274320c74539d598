/** `iam.account-created.v1`: the account and its root user, which may do everything in it. */
export interface AccountCreatedPayload {
  accountId: string;
  accountName: string;
  /** `arn:aws:iam::<account>:root` */
  rootArn: string;
  createDate: string;
}
