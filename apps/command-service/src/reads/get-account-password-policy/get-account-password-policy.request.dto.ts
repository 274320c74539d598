/** Body of GetAccountPasswordPolicy: no parameters. */
export class GetAccountPasswordPolicyRequestDto {}
