/** Body of DeleteAccountPasswordPolicy: no parameters. */
export class DeleteAccountPasswordPolicyRequestDto {}
