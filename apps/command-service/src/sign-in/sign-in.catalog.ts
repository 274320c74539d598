import { defineCommand, type CommandArea } from '../pipeline/command-definition';
import { RecordSignInLockoutCommand } from './record-sign-in-lockout/record-sign-in-lockout.command';
import { RecordSignInLockoutHandler } from './record-sign-in-lockout/record-sign-in-lockout.handler';
import { RecordSignInLockoutRequestDto } from './record-sign-in-lockout/record-sign-in-lockout.request.dto';
import { SignInCommand } from './sign-in/sign-in.command';
import { SignInHandler } from './sign-in/sign-in.handler';
import { SignInRequestDto } from './sign-in/sign-in.request.dto';

/**
 * Console-style sign-in: internal commands only, sent by the sign-in edge (`POST /signin`,
 * sign-in.http.controller.ts), never part of `/v1`. SignIn's credentials are in its reply only
 * (sealed on Kafka, opened by the edge), so each request is answered once (`replyFromHandler`).
 */
export const SIGN_IN: CommandArea = {
  commands: {
    SignIn: defineCommand({
      dto: SignInRequestDto,
      toCommand: (accountId, dto, caller) => SignInCommand.fromRequest(accountId, dto, caller),
      resultFrom: noEventReply,
      sealedInputs: ['Password', 'TokenCode'],
      internal: true,
      replyFromHandler: true,
    }),
    RecordSignInLockout: defineCommand({
      dto: RecordSignInLockoutRequestDto,
      toCommand: (accountId, dto, caller) =>
        RecordSignInLockoutCommand.fromRequest(accountId, dto, caller),
      resultFrom: () => RecordSignInLockoutCommand.resultFrom(),
      internal: true,
    }),
  },
  handlers: [SignInHandler, RecordSignInLockoutHandler],
};

/** SignIn's reply is its handler's (replyFromHandler): never rebuilt from events. */
function noEventReply(): never {
  throw new Error('a SignIn reply is its handler’s, never rebuilt from events');
}
