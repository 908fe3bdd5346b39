// The sizes beyond which a tutorial, or a file the tour keeps, is refused rather than read.
// A tutorial is input from anywhere: every cap here keeps a hostile or broken one from
// hanging the tour or exhausting its memory. Generous next to the built-in tutorial
// (tutorial.yaml 40 KB, step texts under 4 KB, assets under 2 KB, 12 steps).

const KiB = 1024;
const MiB = 1024 * KiB;

/** tutorial.yaml. */
export const MAX_TUTORIAL_YAML_BYTES = 1 * MiB;
/** One step text (steps/<id>.<lang>.md). */
export const MAX_MARKDOWN_BYTES = 256 * KiB;
/** One asset. */
export const MAX_ASSET_BYTES = 1 * MiB;
/** Every file of one tutorial together. */
export const MAX_TUTORIAL_TOTAL_BYTES = 16 * MiB;
/** One progress file (the tour writes a few hundred bytes). */
export const MAX_PROGRESS_BYTES = 1 * MiB;
/** The list of trusted tutorials. */
export const MAX_TRUST_STORE_BYTES = 1 * MiB;

/** Steps in one tutorial. */
export const MAX_STEPS = 500;
/** Ids (tutorial, step, command, check, task, file names): a DNS label's length. */
export const MAX_ID_CHARS = 63;
/** Any other value in tutorial.yaml (a text, an argument, a path). */
export const MAX_VALUE_CHARS = 16 * 1024;
/** A shell task's `match` pattern. */
export const MAX_PATTERN_CHARS = 1000;
/** Aliases (`*name`) in tutorial.yaml. */
export const MAX_ALIASES = 100;
/** Nodes that aliases may add to tutorial.yaml when expanded (nested aliases multiply). */
export const MAX_ALIAS_EXPANSION = 10_000;
/** The longest delay Node's timers take (setTimeout fires at once beyond it). */
export const MAX_TIMER_MS = 2 ** 31 - 1;
/** A line the learner typed, as matched against shell tasks (longer lines are cut). */
export const MAX_MATCHED_LINE_CHARS = 1024;
/** Problems printed by lint and the loader's error message; the rest are counted. */
export const MAX_SHOWN_PROBLEMS = 100;
