import { describe, expect, it } from 'vitest';
import { toolName } from './tool-name.js';

describe('toolName: the program an argv[0] runs', () => {
  it.each([
    ['kubectl', 'kubectl'],
    ['/usr/local/bin/kind', 'kind'],
    ['./kind', 'kind'],
    ['C:\\tools\\KUBECTL.EXE', 'kubectl'],
    ['kind.cmd', 'kind'],
    ['docker.bat', 'docker'],
    ['podman.com', 'podman'],
    ['kubectl-foo', 'kubectl-foo'],
    ['kubectl.sh', 'kubectl.sh'],
    ['', ''],
  ])('%s → %s', (argv0, name) => {
    expect(toolName(argv0)).toBe(name);
  });
});
