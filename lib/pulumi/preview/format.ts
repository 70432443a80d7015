import type { StackPreview } from './preview';

const PROVIDER = 'pulumi:providers:';

/**
 * The preview as text: per provider (cluster), every resource it would create with its type, name, what
 * it waits for, and its step in the creation order; then the resources that read a live ClusterIP.
 */
export function formatPreview(preview: StackPreview): string {
  const providers = preview.resources.filter((r) => r.type.startsWith(PROVIDER));
  const managed = preview.resources.filter((r) => r.provider && !r.type.startsWith(PROVIDER));
  const lines = [
    `Preview of stack "${preview.stack}" (project ${preview.project}), offline under mocks: ${providers.length} providers, ${managed.length} resources`,
    'Steps number the order the engine can create them in: each after what it waits for.',
    '',
  ];
  for (const provider of providers) {
    const context = (provider.inputs.context as string | undefined) ?? provider.name;
    const mine = managed.filter((r) => r.provider?.includes(`::${provider.name}::`));
    lines.push(`provider ${provider.name} (context ${context}): ${mine.length} resources`);
    for (const r of mine) {
      const step = managed.indexOf(r) + 1;
      const after = r.dependencies.map(describeUrn).join(', ');
      lines.push(`  ${String(step).padStart(3)}. ${r.type.padEnd(58)} ${r.name}${after ? `   after ${after}` : ''}`);
    }
    lines.push('');
  }
  const live = managed.filter((r) => JSON.stringify(r.inputs).includes('<clusterIP of '));
  for (const r of live) lines.push(`${r.name} takes its address from the live Service: ${JSON.stringify(r.inputs.endpoints)}`);
  return lines.join('\n');
}

/** `Kind name` of a URN (`urn:pulumi:stack::project::parent$kubernetes:core/v1:Service::name`). */
function describeUrn(urn: string): string {
  const parts = urn.split('::');
  const type = parts[parts.length - 2] ?? '';
  return `${type.split(':').pop()} ${parts[parts.length - 1]}`;
}
