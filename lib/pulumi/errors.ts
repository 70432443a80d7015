import * as pulumi from '@pulumi/pulumi';
import { ClusterSetValidationError } from '../core/errors';

/**
 * A check that failed once `resource` was registered, as the `pulumi.ResourceError` Pulumi reports on that
 * resource; the ClusterSetValidationError it wraps is its `cause`. Nothing of `resource` was created, which
 * the message says, since the engine shows the resource in the preview.
 */
export function resourceError(resource: pulumi.Resource, error: ClusterSetValidationError, path: string): pulumi.ResourceError {
  const wrapped = new pulumi.ResourceError(`${error.message}\nNothing was deployed for ${path}: fix the problems above and run again.`, resource, true);
  Object.defineProperty(wrapped, 'cause', { value: error, enumerable: false });
  return wrapped;
}

/** Runs `check`, turning its ClusterSetValidationError into a ResourceError on `resource`. */
export function onResource<T>(resource: pulumi.Resource, path: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof ClusterSetValidationError) throw resourceError(resource, error, path);
    throw error;
  }
}
