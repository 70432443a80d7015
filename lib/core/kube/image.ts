import { type ImageOverride } from '../api/overrides';
/** An image reference split the way registries and overrides see it. */
export interface ImageReference {
  /** `registry.example.com:5000`; undefined means the runtime's default registry (Docker Hub). */
  readonly registry?: string;
  /** `team/app-a` */
  readonly repository: string;
  readonly tag?: string;
  /** `sha256:...`; kept as is by registry and repository overrides. */
  readonly digest?: string;
}

/** Splits `[registry/]repository[:tag][@digest]`; the first path part is a registry when it has a "." or ":" or is localhost. */
export function parseImage(image: string): ImageReference {
  const [nameAndTag, digest] = image.split('@', 2);
  const slash = nameAndTag.indexOf('/');
  const first = slash >= 0 ? nameAndTag.slice(0, slash) : '';
  const hasRegistry = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  const rest = hasRegistry ? nameAndTag.slice(slash + 1) : nameAndTag;
  const colon = rest.lastIndexOf(':');
  return {
    registry: hasRegistry ? first : undefined,
    repository: colon >= 0 ? rest.slice(0, colon) : rest,
    tag: colon >= 0 ? rest.slice(colon + 1) : undefined,
    digest,
  };
}

export function formatImage(ref: ImageReference): string {
  const registry = ref.registry ? `${ref.registry}/` : '';
  const tag = ref.tag !== undefined ? `:${ref.tag}` : '';
  const digest = ref.digest !== undefined ? `@${ref.digest}` : '';
  return `${registry}${ref.repository}${tag}${digest}`;
}

const REFERENCE = /^(?:[a-zA-Z0-9.-]+(?::\d+)?\/)?[a-z0-9]+(?:[._-][a-z0-9]+|__)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@[a-z0-9]+:[a-f0-9]{32,})?$/;

/** Why `image` is not a valid OCI image reference, or undefined. */
export function imageProblem(image: string): string | undefined {
  if (image.length === 0) return 'must not be empty';
  if (!REFERENCE.test(image)) return 'is not an image reference such as registry.example.com/team/app:1.0';
  return undefined;
}

/**
 * True for `registry.example.com`, `mirror.local:5000` or `localhost`: what a runtime reads as a registry.
 * A bare word such as `mirror` would be read as a Docker Hub namespace instead.
 */
export function isRegistryHost(registry: string): boolean {
  return parseImage(`${registry}/image`).registry === registry && imageProblem(`${registry}/image`) === undefined;
}

/**
 * The image a cluster runs. Precedence, lowest first: the service's image, the cluster's `registry`,
 * the placement's image override.
 */
export function imageFor(image: string, clusterRegistry: string | undefined, override: ImageOverride | undefined): string {
  const ref = parseImage(image);
  return formatImage({
    ...ref,
    registry: override?.registry ?? clusterRegistry ?? ref.registry,
    repository: override?.repository ?? ref.repository,
    tag: override?.tag ?? ref.tag,
    // A tag given explicitly is what runs; a digest would override it.
    digest: override?.tag !== undefined ? undefined : ref.digest,
  });
}
