import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { Kafka } from 'kafkajs';
import type { EventLog } from '@portcullis/event-log';
import { EVENT_LOG, KAFKA_CLIENT, PORTCULLIS_CONFIG, PortcullisConfig } from '@portcullis/platform';
import { ServiceSignature } from '@portcullis/credentials';
import {
  CREDENTIALS_PRINTER,
  ManagementAccountBootstrap,
} from './accounts/bootstrap-management-account/management-account.bootstrap';
import { ACCESS_KEY_USAGE_RECORDER_PROVIDER } from './access-key-usage/access-key-usage.recorder';
import { AUTHENTICATION_PROVIDERS } from './authentication/authentication.providers';
import { CommandSideLifecycle } from './command-side.lifecycle';
import { CREDENTIAL_SECRETS_PROVIDER } from './credentials/credential-secrets.provider';
import { CommandEncryptionKeyHttpController } from './http/command-encryption-key.http.controller';
import { IamApiHttpController } from './http/iam-api.http.controller';
import { loadAwsManagedPolicyCatalog } from '../../../libs/domain/aws-managed/aws-managed-policy.catalog';
import { AccountRepository } from './pipeline/account.repository';
import { AWS_MANAGED_POLICIES } from './pipeline/aws-managed-policies.token';
import { COMMAND_HANDLERS } from './pipeline/command-catalog';
import { CommandGateway } from './pipeline/command-gateway.port';
import { CommandProcessor } from './pipeline/command-processor';
import { EmbeddedCommandGateway } from './pipeline/embedded.command-gateway';
import { KafkaCommandGateway } from './pipeline/kafka/kafka.command-gateway';
import { Clock } from './shared/clock';
import { SignInHttpController } from './sign-in/sign-in.http.controller';
import { SIGN_IN_PROVIDERS } from './sign-in/sign-in.providers';

@Module({
  imports: [CqrsModule.forRoot()],
  controllers: [IamApiHttpController, SignInHttpController, CommandEncryptionKeyHttpController],
  providers: [
    // AWS's managed policies exist read-only in every account; loaded once (~0.5 s).
    { provide: AWS_MANAGED_POLICIES, useFactory: () => loadAwsManagedPolicyCatalog() },
    AccountRepository,
    Clock,
    ...AUTHENTICATION_PROVIDERS,
    CREDENTIAL_SECRETS_PROVIDER,
    CommandProcessor,
    ...COMMAND_HANDLERS,
    CommandSideLifecycle,
    ManagementAccountBootstrap,
    ...SIGN_IN_PROVIDERS,
    ACCESS_KEY_USAGE_RECORDER_PROVIDER,
    {
      provide: CREDENTIALS_PRINTER,
      useValue: (text: string) => process.stdout.write(`${text}\n`),
    },
    {
      provide: CommandGateway,
      inject: [
        PORTCULLIS_CONFIG,
        EVENT_LOG,
        KAFKA_CLIENT,
        CommandProcessor,
        AccountRepository,
        ServiceSignature,
      ],
      useFactory: (
        config: PortcullisConfig,
        log: EventLog,
        kafka: Kafka | null,
        processor: CommandProcessor,
        accounts: AccountRepository,
        signature: ServiceSignature,
      ): CommandGateway =>
        kafka
          ? new KafkaCommandGateway(
              kafka,
              {
                commands: config.kafka.commandsTopic,
                commandResults: config.kafka.commandResultsTopic,
              },
              signature,
            )
          : new EmbeddedCommandGateway(processor, accounts, log),
    },
  ],
})
export class CommandServiceModule {}
