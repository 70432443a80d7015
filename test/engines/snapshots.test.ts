import { hybridApp } from '../../examples/hybrid/app';
import { Delivery } from '../../lib';

/** The hybrid example's output for one delivery engine, file by file, in memory. */
function output(delivery: Delivery): Record<string, string> {
  return Object.fromEntries(
    hybridApp({}, delivery)
      .render()
      .flatMap((folder) => folder.files.map((f) => [`${folder.folder}/${f.file}`, f.yaml])),
  );
}

describe('the hybrid example per delivery engine', () => {
  test.each([Delivery.ARGOCD, Delivery.KUBEVELA, Delivery.KARMADA])('%s', (delivery) => {
    const files = output(delivery);
    expect(output(delivery)).toEqual(files);
    expect(files).toMatchSnapshot();
  });
});
