import { Injectable } from '@nestjs/common';

/** A named check: resolves when healthy, rejects (with a reason) when not. */
export type DependencyCheck = () => Promise<void>;

/**
 * What /health/ready asks: each dependency answers, and each role (command writer, projector,
 * query service) has finished rebuilding its state.
 */
@Injectable()
export class Readiness {
  private readonly dependencies = new Map<string, DependencyCheck>();
  private readonly roles = new Map<string, boolean>();

  addDependency(name: string, check: DependencyCheck): void {
    this.dependencies.set(name, check);
  }

  /** Declares a role that is not ready until `markReady(name)`. */
  addRole(name: string): void {
    if (!this.roles.has(name)) this.roles.set(name, false);
  }

  markReady(name: string): void {
    this.roles.set(name, true);
  }

  dependencyChecks(): [string, DependencyCheck][] {
    return [...this.dependencies.entries()];
  }

  roleStates(): [string, boolean][] {
    return [...this.roles.entries()];
  }
}
