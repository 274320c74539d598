import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { Readiness } from './readiness';

const withTimeout = <T>(p: Promise<T>, ms: number): Promise<T> =>
  new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    p.then(resolve, reject).finally(() => clearTimeout(t));
  });

/** Liveness says the process runs; readiness says it can take commands and answer checks. */
@Controller('health')
export class HealthHttpController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly readiness: Readiness,
  ) {}

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([async () => this.indicator.check('process').up()]);
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    const dependencies = this.readiness.dependencyChecks().map(([name, check]) => async () => {
      const indicator = this.indicator.check(name);
      try {
        await withTimeout(check(), 2000);
        return indicator.up();
      } catch (e) {
        return indicator.down({ message: e instanceof Error ? e.message : String(e) });
      }
    });
    const roles = this.readiness.roleStates().map(([name, ready]) => async () => {
      const indicator = this.indicator.check(name);
      return ready ? indicator.up() : indicator.down({ message: 'rebuilding state' });
    });
    return this.health.check([...dependencies, ...roles]);
  }
}
