import { DynamicModule, Module } from '@nestjs/common';
import { Backends, PlatformModule } from '@portcullis/platform';
import { CommandServiceModule } from '../../command-service/src/command-service.module';
import { ProjectorModule } from '../../projector/src/projector.module';
import { QueryServiceModule } from '../../query-service/src/query-service.module';

/** All three roles in one process: the embedded deployment (`npm start`). */
@Module({})
export class PortcullisModule {
  static register(backends: Backends): DynamicModule {
    return {
      module: PortcullisModule,
      imports: [
        PlatformModule.forRoot(backends),
        CommandServiceModule,
        ProjectorModule,
        QueryServiceModule,
      ],
    };
  }
}
