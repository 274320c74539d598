import 'reflect-metadata';
import { DynamicModule, Module } from '@nestjs/common';
import { Backends, bootstrapService, PlatformModule } from '@portcullis/platform';
import { CommandServiceModule } from './command-service.module';
import { configureHttpApi } from './http/configure-http-api';

@Module({})
class CommandServiceApp {
  static register(backends: Backends): DynamicModule {
    return {
      module: CommandServiceApp,
      imports: [PlatformModule.forRoot(backends), CommandServiceModule],
    };
  }
}

void bootstrapService({
  name: 'command-service',
  // The access-key read model: authentication looks keys up there.
  readModels: true,
  module: (backends) => CommandServiceApp.register(backends),
  configure: configureHttpApi,
});
