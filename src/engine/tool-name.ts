// Which program an argv[0] runs, as a bare name. The command guard, the ownership check, the
// diagnosis and the tutorial linter all ask it, and must agree: a tool they name differently
// would be checked by one and not by another.

/** `/usr/bin/kubectl`, `./kind`, `C:\bin\KUBECTL.EXE` → kubectl, kind, kubectl. */
export function toolName(argv0: string): string {
  const i = Math.max(argv0.lastIndexOf('/'), argv0.lastIndexOf('\\'));
  // Lower case: on a case-insensitive file system (macOS, Windows) `KUBECTL` starts kubectl.
  return (i < 0 ? argv0 : argv0.slice(i + 1)).toLowerCase().replace(/\.(exe|cmd|bat|com)$/, '');
}
