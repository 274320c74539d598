import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { SessionTokenSealer } from '@portcullis/credentials';
import { IamError } from '@portcullis/domain';
import { compilePolicy, PolicyParseError } from '@portcullis/policy';
import { AccountIamDirectory } from '../../authorization/account.iam-directory';
import { CredentialSecrets } from '../../credentials/credential-secrets.port';
import { AccountRepository } from '../../pipeline/account.repository';
import { Clock } from '../../shared/clock';
import { proveMfa, sealIssuedCredentials } from '../shared/issued-credentials';
import { authorizeAssumeRole } from './assume-role.authorization';
import { AssumeRoleCommand, type AssumeRoleResult } from './assume-role.command';

const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([\w+=,.@-]+)$/;
const SESSION = /^arn:aws:sts::\d{12}:assumed-role\//;
const USER = /^arn:aws:iam::(\d{12}):user\/(?:.*\/)?([\w+=,.@-]+)$/;
/** A role session assuming a role (role chaining) gets at most an hour, as in AWS. */
const CHAINED_MAX_SECONDS = 3600;

@CommandHandler(AssumeRoleCommand)
export class AssumeRoleHandler implements ICommandHandler<AssumeRoleCommand> {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly clock: Clock,
    private readonly secrets: CredentialSecrets,
    private readonly sessions: SessionTokenSealer,
  ) {}

  async execute(command: AssumeRoleCommand): Promise<AssumeRoleResult> {
    const { accountId, caller, input } = command;
    const now = this.clock.now();
    const account = this.accounts.get(accountId);
    const roleName = ROLE_ARN.exec(input.roleArn)?.[2];
    const role = roleName !== undefined ? account.getRole(roleName) : undefined;
    // A role that does not exist is denied like one that does not trust the caller.
    const denied = () =>
      new IamError(
        'AccessDenied',
        `User: ${caller.actor} is not authorized to perform: sts:AssumeRole on resource: ${input.roleArn}`,
      );
    if (!role || role.arn !== input.roleArn) throw denied();
    if (input.policy !== undefined) {
      try {
        compilePolicy(input.policy);
      } catch (error) {
        if (error instanceof PolicyParseError) {
          throw new IamError('MalformedPolicyDocument', `Policy: ${error.message}`);
        }
        throw error;
      }
    }
    const maxSeconds = SESSION.test(caller.actor)
      ? Math.min(CHAINED_MAX_SECONDS, role.maxSessionDuration)
      : role.maxSessionDuration;
    const duration = input.durationSeconds ?? Math.min(3600, maxSeconds);
    if (duration > maxSeconds) {
      throw new IamError(
        'ValidationError',
        `The requested DurationSeconds exceeds the MaxSessionDuration set for this role (${maxSeconds} s).`,
      );
    }
    // With a code, the trust policy is evaluated as if MFA were proved, and the code is checked
    // (and spent) only once the policy allows: a denied request spends nothing.
    let mfaUser: string | undefined;
    let context = caller.context;
    if (input.mfa) {
      // MFA on AssumeRole: a user of this account proving a device enabled for it.
      const user = USER.exec(caller.actor);
      if (!user || user[1] !== accountId) throw denied();
      mfaUser = user[2];
      context = {
        ...(context ?? { authenticatedBy: 'access-key' }),
        mfaAuthenticatedAt: now.toISOString(),
      };
    }
    const directory = new AccountIamDirectory(account);
    if (!authorizeAssumeRole(role, caller.actor, accountId, directory, context, input, now)) {
      throw denied();
    }
    if (input.mfa && mfaUser !== undefined) {
      proveMfa(
        account,
        { userName: mfaUser, ...input.mfa, purpose: 'AssumeRole', now },
        this.secrets,
      );
    }
    const sessionArn = `arn:aws:sts::${accountId}:assumed-role/${role.roleName}/${input.roleSessionName}`;
    const mfaAt = context?.mfaAuthenticatedAt;
    const { credentials } = this.sessions.issue(
      {
        kind: 'assumed-role',
        accountId,
        principalArn: role.arn,
        sessionArn,
        principalId: `${role.roleId}:${input.roleSessionName}`,
        ...(mfaAt !== undefined ? { mfaAuthenticatedAt: Date.parse(mfaAt) } : {}),
        ...(input.sourceIdentity !== undefined ? { sourceIdentity: input.sourceIdentity } : {}),
        ...(input.policy !== undefined ? { sessionPolicy: input.policy } : {}),
        ...(input.tags.length > 0
          ? { sessionTags: Object.fromEntries(input.tags.map((t) => [t.Key, t.Value])) }
          : {}),
      },
      { now: now.getTime(), durationSeconds: duration },
    );
    return {
      AssumeRoleResult: {
        Credentials: sealIssuedCredentials(credentials, caller.commandId ?? '', this.secrets),
        AssumedRoleUser: {
          AssumedRoleId: `${role.roleId}:${input.roleSessionName}`,
          Arn: sessionArn,
        },
        ...(input.sourceIdentity !== undefined ? { SourceIdentity: input.sourceIdentity } : {}),
      },
    };
  }
}
