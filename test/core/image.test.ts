import { formatImage, imageFor, imageProblem, isRegistryHost, parseImage } from '../../lib/core/kube/image';

describe('image references', () => {
  test.each([
    ['team/app-a:1.4.2', { registry: undefined, repository: 'team/app-a', tag: '1.4.2' }],
    ['nginx', { registry: undefined, repository: 'nginx', tag: undefined }],
    ['registry.example.com:5000/team/app:1', { registry: 'registry.example.com:5000', repository: 'team/app', tag: '1' }],
    ['localhost/app', { registry: 'localhost', repository: 'app', tag: undefined }],
  ])('%s splits into registry, repository and tag', (image, expected) => {
    expect(parseImage(image)).toMatchObject(expected);
    expect(formatImage(parseImage(image))).toBe(image);
  });

  test('precedence: image < cluster registry < placement override', () => {
    expect(imageFor('team/app:1', undefined, undefined)).toBe('team/app:1');
    expect(imageFor('team/app:1', 'mirror.local', undefined)).toBe('mirror.local/team/app:1');
    expect(imageFor('quay.io/team/app:1', 'mirror.local', { registry: 'registry.example.com' })).toBe('registry.example.com/team/app:1');
    expect(imageFor('team/app:1', 'mirror.local', { repository: 'other/app', tag: '2' })).toBe('mirror.local/other/app:2');
  });

  test('invalid references are named', () => {
    expect(imageProblem('')).toBe('must not be empty');
    expect(imageProblem('Team/App')).toBeDefined();
    expect(imageProblem('registry.example.com:5000/team/app:1.0')).toBeUndefined();
  });
});

test('a registry is a host a runtime reads as one', () => {
  expect(['registry.example.com', 'mirror.local:5000', 'localhost', 'localhost:5000'].filter(isRegistryHost)).toHaveLength(4);
  expect(['mirror', 'https://mirror.local', 'Registry.Example.com/x'].filter(isRegistryHost)).toEqual([]);
});
