// The parts of @kubernetes/client-node the tour uses. kubeconfig.ts imports this module
// dynamically (after the first frame); importing the package itself that way would keep every
// export of it in the bundle, since esbuild cannot tell which ones a dynamic import uses.
export { Exec, KubeConfig, Watch } from '@kubernetes/client-node';
