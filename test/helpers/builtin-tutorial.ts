// What the tests know of the built-in tutorial (tutorials/image-volume). The code knows none of
// it: every name below is the tutorial's own (docs/architecture.md, "Tutorial names").

/** The step ids of the built-in tutorial, in order (a public contract: --step, run, progress files). */
export const BUILTIN_STEP_IDS = [
  'welcome',
  'preflight',
  'cluster-config',
  'create-cluster',
  'inspect-cluster',
  'apply-pod',
  'watch-pod',
  'verify',
  'explore-shell',
  'limitations',
  'build-node-image',
  'cleanup',
] as const;
