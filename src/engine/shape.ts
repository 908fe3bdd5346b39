// Reading values whose shape is not known yet (parsed JSON or YAML: a manifest, a progress
// file, the trust list) without casts: a value is taken as a map only after it was checked
// to be one.

/** A plain object (not null, not an array): its fields can be read, each still of unknown type. */
export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value as a map, or an empty map when it is not one (a missing `metadata:` reads as none). */
export function recordOf(value: unknown): Readonly<Record<string, unknown>> {
  return isRecord(value) ? value : {};
}

