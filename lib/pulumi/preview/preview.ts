import * as path from 'node:path';
import { creationOrder } from './creation-order';
import { recordRegistrations, settled } from './mock-engine';
import { loadPulumi, readProject, runProgram } from './program';
import type { PreviewedResource } from './resource';
import { readStackConfig } from './stack-config';

/** Which program and stack to preview. */
export interface PreviewOptions {
  /** The stack whose configuration (`Pulumi.<stack>.yaml`) the program runs with. @default 'dev' */
  readonly stack?: string;
  /** The folder holding `Pulumi.yaml` and the stack files. @default process.cwd() */
  readonly cwd?: string;
}

/** What a program would create in one stack. */
export interface StackPreview {
  /** The project's name (`Pulumi.yaml`). */
  readonly project: string;
  /** The stack previewed. */
  readonly stack: string;
  /** Every resource the program registered, providers and components included, in an order the engine can create them. */
  readonly resources: PreviewedResource[];
}

/**
 * Runs a Pulumi program offline, without the Pulumi CLI, a cluster or credentials: under
 * `pulumi.runtime.setMocks`, with the stack's configuration (secrets stood in for), and returns every
 * resource it would create. Call it once per process: the mocks replace the engine for good.
 */
export async function previewStack(options: PreviewOptions = {}): Promise<StackPreview> {
  const stack = options.stack ?? 'dev';
  const project = readProject(path.resolve(options.cwd ?? process.cwd()));
  const { config, secrets } = readStackConfig(path.join(project.root, `Pulumi.${stack}.yaml`));
  const { runtime } = loadPulumi(project);
  const recorded = recordRegistrations(runtime, project.name, stack);
  runtime.setAllConfig(config, secrets);
  await runProgram(project);
  await settled(recorded);
  return { project: project.name, stack, resources: creationOrder(recorded) };
}
