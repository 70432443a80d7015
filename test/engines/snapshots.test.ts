import { hybridApp, hybridDelivery } from '../../examples/hybrid/app';

/** The hybrid example's output for one delivery engine, file by file, in memory. */
function output(delivery: string): Record<string, string> {
  return Object.fromEntries(
    hybridApp({}, hybridDelivery(delivery))
      .render()
      .flatMap((folder) => folder.files.map((f) => [`${folder.folder}/${f.file}`, f.yaml])),
  );
}

describe('the hybrid example per delivery engine', () => {
  test.each(['ArgoCD', 'KubeVela', 'Karmada', 'Flux'])('%s', (delivery) => {
    const files = output(delivery);
    expect(output(delivery)).toEqual(files);
    expect(files).toMatchSnapshot();
  });
});
