// kind's command tree and flags (kind v0.31, pkg/cmd/kind in kubernetes-sigs/kind), in the
// format of kubectl-flags.ts. Written by hand: kind's tree is small and changes rarely. A
// flag missing here is refused by the command guard, never guessed.

/** Persistent flags of kind's root (-v/--verbosity, -q/--quiet) and cobra's help flag. */
export const KIND_GLOBAL_FLAGS = 'h/help q/quiet v/verbosity=';

/** The root's own flags (cobra adds --version because kind sets a version). */
export const KIND_ROOT_FLAGS = 'version';

export const KIND_COMMANDS: Readonly<Record<string, { readonly aliases?: readonly string[]; readonly flags: string }>> = {
  'build': { flags: '' },
  'build node-image': { flags: 'arch= base-image= image= type=' },
  'completion': { flags: '' },
  'completion bash': { flags: '' },
  'completion fish': { flags: '' },
  'completion powershell': { flags: '' },
  'completion zsh': { flags: '' },
  'create': { flags: '' },
  'create cluster': { flags: 'config= image= kubeconfig= n/name= retain wait=' },
  'delete': { flags: '' },
  'delete cluster': { flags: 'kubeconfig= n/name=' },
  'delete clusters': { flags: 'A/all kubeconfig=' },
  'export': { flags: '' },
  'export kubeconfig': { flags: 'internal kubeconfig= n/name=' },
  'export logs': { flags: 'n/name=' },
  'get': { flags: '' },
  'get clusters': { flags: '' },
  'get kubeconfig': { flags: 'internal n/name=' },
  'get nodes': { flags: 'A/all-clusters n/name=' },
  'load': { flags: '' },
  'load docker-image': { flags: 'n/name= nodes=' },
  'load image-archive': { flags: 'n/name= nodes=' },
  'version': { flags: '' },
};
