import { Yaml } from 'cdk8s';
import { MeshMtls, Networking } from '../../lib';
import { appA, synthFleet, twoClusters } from '../support/fleet';

/** Each cluster's YAML stream, as cdk8s renders it. */
function yamlOf(rendered: Record<string, Array<Record<string, unknown>>>): Record<string, string> {
  return Object.fromEntries(Object.entries(rendered).map(([cluster, objects]) => [cluster, Yaml.stringify(...objects)]));
}

describe('synthesized YAML per networking mode', () => {
  test.each([
    ['ENDPOINT_SLICE', Networking.ENDPOINT_SLICE],
    ['ISTIO', Networking.ISTIO],
    ['EXTERNAL_NAME', Networking.EXTERNAL_NAME],
  ])('%s', (_name, networking) => {
    expect(yamlOf(synthFleet({ 'app-a': appA(networking) }))).toMatchSnapshot();
  });

  test('ISTIO towards a STRICT mTLS mesh', () => {
    const clusters = twoClusters().map((c) => (c.name === 'prodc' ? { ...c, mesh: { network: 'net-a', mtls: MeshMtls.STRICT } } : c));
    const yaml = yamlOf(synthFleet({ 'app-a': appA(Networking.ISTIO) }, clusters));
    expect(yaml.localproda).toContain('mode: ISTIO_MUTUAL');
    expect(yaml).toMatchSnapshot();
  });
});
