// ONE validator for the CLI (`clusterset validate`) and the test suite: every object against the maintained
// model packages (kubernetes-models, Istio, Argo CD, prometheus-operator) and against the CRDs (and Gatekeeper
// ConstraintTemplates) under the folders given. A kind known to neither is reported as unknown, never passed.
import { CrdCheck } from './crd-check';
import { CrdSchemas } from './crd-schemas';
import { describeObject, isRecord, type Json } from './json';
import { ModelPackages } from './model-packages';

/** What the validator says of one object. */
export interface SchemaVerdict {
  /** `Kind namespace/name`, or `Kind name` when cluster-scoped. */
  readonly object: string;
  /** Whether a model package or a CRD has a schema for the object's apiVersion and kind. */
  readonly known: boolean;
  /** "field.path: message" for each problem; empty when valid (or unknown and otherwise well-formed). */
  readonly problems: readonly string[];
}

/** Where the validator finds schemas besides the model packages. */
export interface SchemaValidatorOptions {
  /**
   * Folders searched recursively for CRD and ConstraintTemplate YAML files.
   * @default - none: only the model packages' kinds are known
   */
  readonly crdDirs?: readonly string[];
}

export class SchemaValidator {
  private readonly models = new ModelPackages();
  private readonly crds?: CrdSchemas;
  private readonly crdCheck = new CrdCheck();

  /** Throws SchemaSourceError when a CRD folder does not exist. */
  constructor(options: SchemaValidatorOptions = {}) {
    const dirs = options.crdDirs ?? [];
    if (dirs.length > 0) this.crds = new CrdSchemas(dirs);
  }

  /** The packages found installed, as folders (what `clusterset validate` reports checking against). */
  public get modelPackageDirs(): readonly string[] {
    return this.models.packageDirs;
  }

  /** One verdict per manifest, in order. Throws SchemaSourceError when a CRD file it needs cannot be parsed. */
  public check(manifests: readonly unknown[]): SchemaVerdict[] {
    const records = manifests.map((m) => (isRecord(m) ? m : undefined));
    const models = this.models.validate(records.map((m) => m ?? {}));
    return records.map((manifest, i) => {
      if (!manifest) return { object: '<not an object>', known: true, problems: ['(root): the document is not an object; every YAML document must be one Kubernetes object'] };
      return this.verdict(manifest, models[i].known, models[i].errors);
    });
  }

  /** Stops the model packages' worker (it never keeps a process alive, but tests stop it per file). */
  public close(): Promise<number> | undefined {
    return this.models.close();
  }

  private verdict(manifest: Json, modelKnown: boolean, modelErrors: readonly string[]): SchemaVerdict {
    const object = describeObject(manifest);
    const { apiVersion, kind } = manifest;
    if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
      return { object, known: true, problems: ['(root): apiVersion and kind must both be strings'] };
    }
    const problems = [...metadataProblems(manifest), ...modelErrors];
    // Kinds a model knows read only the CRDs that mention them; the others make every CRD file count.
    const crd = this.crds?.lookup(apiVersion, kind, !modelKnown);
    if (crd) problems.push(...this.crdCheck.problems(crd, manifest, !modelKnown));
    return { object, known: modelKnown || crd !== undefined, problems: [...new Set(problems)] };
  }
}

/** CRD root schemas do not constrain metadata, and the API server needs a name to apply an object. */
function metadataProblems(manifest: Json): string[] {
  if (!isRecord(manifest.metadata)) return ['metadata: must be an object'];
  const { name } = manifest.metadata;
  return typeof name === 'string' && name.length > 0 ? [] : ['metadata.name: is required (non-empty string)'];
}
