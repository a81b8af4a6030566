import type { CriterionVerdict } from '../criterion.js';
import { dockerClient } from '../../src/cleanup/docker-client.js';
import type { Criterion, RoleProfile, StackLayout } from '../../src/profile/profile.js';
import { ScenarioRun } from '../../src/scenario/run-scenario.js';
import { imagesBuilt, stackReady } from '../probes/boot.js';
import type { RuntimeInfo } from '../stack/runtime-info.js';
import { DockerDriver } from './docker-driver.js';
import { layoutExcludes, locator, profileScenario, roleBindings, stackDown, stackSecrets } from './stack-scenario.js';

/** The checks of a profile graded from roles that need the running stack. */
export const RUNTIME_CHECKS = ['runtime/images-build', 'runtime/stack-ready', 'scenario'] as const;

export function isRuntimeCheck(check: string): boolean {
  return (RUNTIME_CHECKS as readonly string[]).includes(check);
}

/** What grading a roles profile's runtime criteria reads: the profile, the booted stack, the submission's layout. */
export interface RolesRuntime {
  profile: RoleProfile;
  runtime: RuntimeInfo;
  layout: StackLayout;
}

/**
 * The runtime criteria of one grade: the built-in checks read the boot's
 * description; the scenario criteria share ONE ScenarioRun (fixtures and
 * phases run once), started on the first criterion that asks.
 */
export class RolesRuntimeGrade {
  private run?: Promise<ScenarioRun>;

  constructor(private readonly ctx: RolesRuntime) {}

  async verdict(criterion: Criterion): Promise<CriterionVerdict> {
    const { runtime, layout, profile } = this.ctx;
    const excluded = layoutExcludes(criterion, layout);
    if (excluded) return { notApplicable: excluded };
    // Docker itself failed, or no stack was booted: an error of the grading, not the student's failure.
    if (runtime.error) throw new Error(runtime.error);
    if (runtime.skipped) throw new Error(`no stack to check: ${runtime.skipped}`);
    switch (criterion.check) {
      case 'runtime/images-build':
        return imagesBuilt({ runtime });
      case 'runtime/stack-ready':
        return stackReady({ runtime });
      case 'scenario': {
        const down = stackDown(criterion.id, profile, runtime);
        if (down) return down;
        return (await this.scenarioRun()).verdict(criterion.id);
      }
      default:
        throw new Error(`${criterion.id} names the check ${criterion.check}, which is not a runtime check`);
    }
  }

  private scenarioRun(): Promise<ScenarioRun> {
    this.run ??= (async () => {
      const { profile, runtime } = this.ctx;
      const scenario = profileScenario(profile);
      const docker = await dockerClient();
      const driver = new DockerDriver({ docker, runtime, profile, roles: roleBindings(scenario, profile, runtime) });
      return new ScenarioRun(scenario, { driver, runId: runtime.runId, knownSecrets: await stackSecrets(docker, runtime, profile), locate: locator(runtime) });
    })();
    return this.run;
  }
}
