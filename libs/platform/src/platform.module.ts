import {
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  OnApplicationShutdown,
} from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import type { Backends } from './backends';
import { HealthHttpController } from './health.http.controller';
import { Readiness } from './readiness';
import { EVENT_LOG, KAFKA_CLIENT, PORTCULLIS_CONFIG, READ_MODEL_STORE } from './tokens';

const BACKENDS = Symbol('Backends');

/** Closes the backends last, after every role has stopped. */
@Injectable()
class BackendsLifecycle implements OnApplicationShutdown {
  constructor(@Inject(BACKENDS) private readonly backends: Backends) {}
  async onApplicationShutdown(): Promise<void> {
    await this.backends.close();
  }
}

/** Gives every role the configured adapters, readiness and the health endpoints. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(backends: Backends): DynamicModule {
    return {
      module: PlatformModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthHttpController],
      providers: [
        { provide: BACKENDS, useValue: backends },
        { provide: PORTCULLIS_CONFIG, useValue: backends.config },
        { provide: EVENT_LOG, useValue: backends.eventLog },
        { provide: READ_MODEL_STORE, useValue: backends.readModels },
        { provide: KAFKA_CLIENT, useValue: backends.kafka },
        {
          provide: Readiness,
          useFactory: () => {
            const readiness = new Readiness();
            for (const [name, check] of backends.checks) readiness.addDependency(name, check);
            return readiness;
          },
        },
        BackendsLifecycle,
      ],
      exports: [PORTCULLIS_CONFIG, EVENT_LOG, READ_MODEL_STORE, KAFKA_CLIENT, Readiness],
    };
  }
}
