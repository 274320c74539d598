import 'reflect-metadata';
import { DynamicModule, Module } from '@nestjs/common';
import { Backends, bootstrapService, PlatformModule } from '@portcullis/platform';
import { grpcOptions } from './grpc-options';
import { QueryServiceModule } from './query-service.module';
import { tuneV8ForChecks } from './gc-tuning';

@Module({})
class QueryServiceApp {
  static register(backends: Backends): DynamicModule {
    return {
      module: QueryServiceApp,
      imports: [PlatformModule.forRoot(backends), QueryServiceModule],
    };
  }
}

tuneV8ForChecks();
void bootstrapService({
  name: 'query-service',
  module: (backends) => QueryServiceApp.register(backends),
  grpc: (config) => grpcOptions(config.grpcPort),
});
