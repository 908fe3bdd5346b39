// The tutorial loader: tutorial.yaml + steps/<id>.<lang>.md + assets → TutorialSpec, or every
// problem found, each with its file:line:col. Pure: files come through a TutorialSource.
// The format is docs/authoring.md.

import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Lang, MessageRef } from '../i18n/types.js';
import { MAX_ID_CHARS, MAX_PATTERN_CHARS, MAX_STEPS } from './limits.js';
import {
  COMMAND_GUARDS,
  LANGS,
  MODES,
  PROFILES,
  STEP_ROLES,
  type CheckKind,
  type CheckSpec,
  type CommandSpec,
  type Condition,
  type FileSpec,
  type Hint,
  type Mode,
  type Profile,
  type ShellSpec,
  type ShellTask,
  type StepRole,
  type StepSpec,
  type Text,
  type TutorialLink,
  type TutorialSpec,
} from './model.js';
import { splitBeats } from './step-beats.js';
import { compileTaskPattern } from './task-pattern.js';
import { CLUSTER_MARK_LABEL, CLUSTER_MARK_VALUE, kindConfigFiles, kubectlManifestFiles, MANAGED_SELECTOR, unlabelledManifestObject, unmarkedKindNodes } from './ownership.js';
import { isKnownVariable, isTutorialVariable, TUTORIAL_VARIABLES, VARIABLE_NAMES, variablesIn, type TutorialVariable } from './vars.js';
import { toolName } from './tool-name.js';
import { DIAGNOSIS_RULE_IDS } from './diagnosis.js';
import {
  asBool,
  asCount,
  asDuration,
  asList,
  asMap,
  asString,
  checkAliases,
  safeParams,
  displayPath,
  isAbsolutePath,
  joinRel,
  Reporter,
  type LoadProblem,
  type MapView,
  type LoaderMessageKey,
  type Val,
} from './yaml-reader.js';

export type { LoadProblem } from './yaml-reader.js';
export { parseDuration } from './yaml-reader.js';

/** What a tutorial's file is for: each kind has its own size cap (limits.ts). */
export type SourceFileKind = 'tutorial' | 'markdown' | 'asset';

/** Why a file could not be read as text. */
export type SourceProblem =
  | { readonly kind: 'missing' }
  | { readonly kind: 'notFile'; readonly what: 'directory' | 'fifo' | 'socket' | 'device' | 'other' }
  | { readonly kind: 'tooBig'; readonly size: number; readonly max: number }
  | { readonly kind: 'escapes'; readonly target: string }
  | { readonly kind: 'notUtf8' }
  | { readonly kind: 'tooMuch'; readonly max: number }
  | { readonly kind: 'unreadable'; readonly error: string };

export type SourceRead = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly problem: SourceProblem };

/** Where the loader reads a tutorial's files from. */
export interface TutorialSource {
  /** The tutorial's folder as the user named it; problems are reported under it. */
  readonly dir: string;
  /** A file's text, by a '/'-separated path relative to dir (never leaving it); null if absent. */
  readText(relPath: string): string | null;
  /** A file's text or why it cannot be had (not a regular file, too big, ...). Preferred to readText when present. */
  read?(relPath: string, kind: SourceFileKind): SourceRead;
}

/** `warnings` do not stop the tutorial from loading (lint prints them). */
export type LoadResult =
  | { ok: true; tutorial: TutorialSpec; problems: []; warnings?: LoadProblem[] }
  | { ok: false; problems: LoadProblem[]; warnings?: LoadProblem[] };

/** The programs a tutorial may run without a warning from lint: the tools the tour is about. */
export const KNOWN_PROGRAMS = ['kubectl', 'kind', 'docker', 'podman'] as const;

function readSource(source: TutorialSource, rel: string, kind: SourceFileKind): SourceRead {
  if (source.read) return source.read(rel, kind);
  const text = source.readText(rel);
  return text === null ? { ok: false, problem: { kind: 'missing' } } : { ok: true, text };
}

/** Why a file cannot be used (`path` as shown to the user). Names from the disk are escaped and cut. */
export function sourceProblemMessage(path: string, problem: SourceProblem): MessageRef<LoaderMessageKey> {
  const p = problem;
  switch (p.kind) {
    case 'missing':
      return { key: 'loader.fileMissing', params: safeParams({ path }) };
    case 'notFile':
      return { key: 'loader.notRegularFile', params: safeParams({ path, what: { key: `loader.fileType.${p.what}` } }) };
    case 'tooBig':
      return { key: 'loader.fileTooBig', params: safeParams({ path, size: p.size, max: p.max }) };
    case 'escapes':
      return { key: 'loader.fileEscapes', params: safeParams({ path, target: p.target }) };
    case 'notUtf8':
      return { key: 'loader.fileNotUtf8', params: safeParams({ path }) };
    case 'tooMuch':
      return { key: 'loader.tutorialTooBig', params: safeParams({ path, max: p.max }) };
    case 'unreadable':
      return { key: 'loader.fileUnreadable', params: safeParams({ path, error: p.error }) };
  }
}

export const TUTORIAL_FILE = 'tutorial.yaml';
export const DEFAULT_COMMAND_TIMEOUT_MS = 120_000;
const ID = /^[a-z0-9][a-z0-9-]*$/;
/** Kubernetes names: a container's is a DNS label, a Pod's a DNS subdomain (labels joined by dots). */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const NAME_RULES: Readonly<Record<TutorialVariable, { readonly pattern: RegExp; readonly max: number }>> = {
  pod: { pattern: DNS_SUBDOMAIN, max: 253 },
  container: { pattern: DNS_LABEL, max: 63 },
};

const TUTORIAL_KEYS = ['id', 'title', 'description', 'assets', 'pod', 'container', 'links', 'steps'] as const;
const LINK_KEYS = ['title', 'url'] as const;
const STEP_KEYS = ['id', 'title', 'role', 'when', 'optional', 'confirm', 'hints', 'files', 'commands', 'solve', 'checks', 'shell'] as const;
const FILE_KEYS = ['name', 'asset', 'when'] as const;
const COMMAND_KEYS = ['id', 'run', 'title', 'timeout', 'allowFailure', 'when', 'unless'] as const;
const SHELL_KEYS = ['pod', 'container', 'tasks'] as const;
const TASK_KEYS = ['id', 'title', 'match'] as const;
const CONDITION_KEYS = ['profile', 'featureGate', 'mode', 'prepared'] as const;
const CHECK_COMMON_KEYS = ['id', 'kind', 'title', 'timeout', 'hint', 'when', 'assumes'] as const;
/** A step hint's keys besides its texts (a check's `hint:` is a text only: it is tied to its check). */
const HINT_KEYS = ['when', 'about', 'seen'] as const;
const CHECK_FIELD_KEYS = ['pod', 'container', 'argv', 'equals', 'contains', 'phase', 'count', 'volume', 'file'] as const;
type CheckField = (typeof CHECK_FIELD_KEYS)[number];
const POD_PHASES = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'] as const;

/** For each check kind: the fields it needs and the ones it may have. */
export const CHECK_FIELDS: Readonly<Record<CheckKind, { readonly required: readonly CheckField[]; readonly optional: readonly CheckField[] }>> = {
  toolsReady: { required: [], optional: [] },
  registriesReachable: { required: [], optional: [] },
  fileWritten: { required: ['file'], optional: [] },
  clusterExists: { required: [], optional: [] },
  clusterAbsent: { required: [], optional: [] },
  nodesReady: { required: [], optional: ['count'] },
  systemPodsRunning: { required: [], optional: [] },
  runtimeSupportsImageVolumes: { required: [], optional: [] },
  podPhase: { required: ['pod'], optional: ['phase'] },
  podReady: { required: ['pod'], optional: [] },
  imageVolumeKept: { required: ['pod', 'volume'], optional: [] },
  podAbsent: { required: ['pod'], optional: [] },
  labelledPodsGone: { required: [], optional: [] },
  execOutput: { required: ['pod', 'container', 'argv'], optional: ['equals', 'contains'] },
  execFails: { required: ['pod', 'container', 'argv', 'contains'], optional: [] },
};
function isCheckKind(name: string): name is CheckKind {
  return Object.hasOwn(CHECK_FIELDS, name);
}
const CHECK_KINDS: readonly CheckKind[] = Object.keys(CHECK_FIELDS).filter(isCheckKind);

/** "file:line:col message", or "file: message" for a problem with the whole file; `message` is the problem's message as text. */
export function formatProblem(p: Pick<LoadProblem, 'file' | 'line' | 'col'>, message: string): string {
  return p.line > 0 ? `${p.file}:${p.line}:${p.col} ${message}` : `${p.file}: ${message}`;
}

/** The tutorial, or every problem found; problems are message references (formatted by the caller). */
export function loadTutorialFrom(source: TutorialSource): LoadResult {
  const file = displayPath(source.dir, TUTORIAL_FILE);
  const read = readSource(source, TUTORIAL_FILE, 'tutorial');
  if (!read.ok) {
    const message: MessageRef<LoaderMessageKey> = read.problem.kind === 'missing' ? { key: 'loader.noTutorialYaml' } : sourceProblemMessage(TUTORIAL_FILE, read.problem);
    return { ok: false, problems: [{ file, line: 0, col: 0, message }] };
  }
  const text = read.text;

  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const r = new Reporter(file, lines);
  // Syntax errors make the rest of the document unreliable; duplicate keys do not.
  // One syntax error per line: the parser's follow-on errors on the same line add nothing.
  let fatal = false;
  const errorLines = new Set<number>();
  for (const e of doc.errors) {
    if (e.code !== 'DUPLICATE_KEY') fatal = true;
    const line = r.lineOf(e.pos[0]);
    if (errorLines.has(line)) continue;
    errorLines.add(line);
    r.at(e.pos[0], 'loader.yamlError', { message: e.message });
  }
  for (const w of doc.warnings) r.at(w.pos[0], 'loader.yamlWarning', { message: w.message });

  let tutorial: TutorialSpec | undefined;
  // Aliases are checked before anything is read through them (an alias bomb would otherwise be expanded).
  if (!fatal && checkAliases(doc, r, text)) {
    const root = doc.contents;
    if (root === null) r.at(0, 'loader.emptyFile');
    else tutorial = new Loader(r, source, text).tutorial({ node: r.node(root), offset: root.range[0], field: TUTORIAL_FILE });
  }

  const problems = sortProblems(r.problems);
  const warnings = sortProblems(r.warnings);
  if (problems.length > 0 || !tutorial) return { ok: false, problems, warnings };
  return { ok: true, tutorial, problems: [], warnings };
}

function sortProblems(problems: readonly LoadProblem[]): LoadProblem[] {
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (a.p.file < b.p.file ? -1 : a.p.file > b.p.file ? 1 : a.p.line - b.p.line || a.p.col - b.p.col || a.i - b.i))
    .map(({ p }) => p);
}

/** Ids seen so far in one scope, to report duplicates with the line of the first. */
class IdScope {
  private readonly seen = new Map<string, number>();
  constructor(
    private readonly r: Reporter,
    private readonly message: LoaderMessageKey,
  ) {}
  add(id: string | undefined, offset: number): void {
    if (id === undefined) return;
    const first = this.seen.get(id);
    if (first === undefined) this.seen.set(id, offset);
    else this.r.at(offset, this.message, { id, line: this.r.lineOf(first) });
  }
}

/** A file a command hands to kubectl apply/create/replace (a manifest) or to kind create (a config). */
interface FileUse {
  readonly name: string;
  readonly as: 'manifest' | 'kindConfig';
}

class Loader {
  /** File names defined by the steps read so far (for {file:NAME} and fileWritten). */
  private readonly files = new Set<string>();
  /** null when `assets:` leaves the folder (reported once, at `assets:`). */
  private assetsDir: string | null = 'assets';
  /** Every file definition, for the checks of what commands apply (name -> its assets). */
  private readonly fileDefs = new Map<string, { asset: string; content: string; offset: number }[]>();
  private readonly fileUses: FileUse[] = [];
  /** Steps with a role, in order: where the role was written, the step's place and whether it is optional. */
  private readonly roles: { role: StepRole; offset: number; index: number; optional: boolean }[] = [];
  private stepCount = 0;
  /** The variables the tutorial declares at its top ({pod}, {container}). */
  private readonly declared = new Set<TutorialVariable>();

  constructor(
    private readonly r: Reporter,
    private readonly source: TutorialSource,
    /** tutorial.yaml as written, to point at a variable inside a scalar. */
    private readonly yamlText: string,
  ) {}

  tutorial(v: Val): TutorialSpec | undefined {
    const m = asMap(this.r, v);
    if (!m) return undefined;
    m.checkKeys(TUTORIAL_KEYS);
    const id = this.id(m.required('id'));
    const title = this.text(m.required('title'));
    const description = this.text(m.required('description'));
    const assets = m.get('assets');
    const assetsDir = this.relPath(assets);
    if (assetsDir !== undefined && assets) {
      if (escapes(joinRel(assetsDir))) {
        this.r.at(assets.offset, 'loader.pathEscapes', { field: assets.field });
        this.assetsDir = null;
      } else this.assetsDir = assetsDir;
    }

    const names = this.tutorialNames(m);
    const links = m.has('links') ? this.list(m.get('links'), (item) => this.link(item)) : [];

    const stepsVal = m.required('steps');
    let items = asList(this.r, stepsVal);
    if (stepsVal && items?.length === 0) this.r.at(stepsVal.offset, 'loader.noSteps');
    if (stepsVal && items && items.length > MAX_STEPS) {
      this.r.at(stepsVal.offset, 'loader.tooManySteps', { count: items.length, max: MAX_STEPS });
      items = items.slice(0, MAX_STEPS);
    }
    const stepIds = new IdScope(this.r, 'loader.duplicateStep');
    const steps: StepSpec[] = [];
    for (const item of items ?? []) {
      const step = this.step(item, stepIds);
      if (step) steps.push(step);
      this.stepCount++;
    }
    this.checkRoles();
    this.checkAppliedFiles();
    if (id === undefined || !title || !description) return undefined;
    return { id, title, description, dir: this.source.dir, ...names, steps, ...(links.length > 0 ? { links } : {}) };
  }

  /** A page to read after the tour (`links:`): a title in every language and an https URL (or none: a credit). */
  private link(v: Val): TutorialLink | undefined {
    const m = asMap(this.r, v);
    if (!m) return undefined;
    m.checkKeys(LINK_KEYS);
    const title = this.text(m.required('title'));
    if (!title) return undefined;
    if (!m.has('url')) return { title };
    const urlVal = m.get('url');
    const url = asString(this.r, urlVal, { nonEmpty: true });
    if (url === undefined || !urlVal) return undefined;
    if (!/^https:\/\/[^\s]+$/.test(url)) {
      this.r.at(urlVal.offset, 'loader.badUrl', { field: urlVal.field });
      return undefined;
    }
    return { title, url };
  }

  /** `pod:` and `container:`: the names {pod} and {container} stand for, each a valid Kubernetes name. */
  private tutorialNames(m: MapView): Partial<Record<TutorialVariable, string>> {
    const out: Partial<Record<TutorialVariable, string>> = {};
    for (const key of TUTORIAL_VARIABLES) {
      const v = m.get(key);
      if (!v) continue;
      // Declared even when the name is wrong: that is reported here, not again at every use.
      this.declared.add(key);
      const name = asString(this.r, v, { nonEmpty: true });
      if (name === undefined) continue;
      const rule = NAME_RULES[key];
      if (rule.pattern.test(name) && name.length <= rule.max) out[key] = name;
      else this.r.at(v.offset, key === 'pod' ? 'loader.badPodName' : 'loader.badContainerName', { name, max: rule.max });
    }
    return out;
  }

  private step(v: Val, ids: IdScope): StepSpec | undefined {
    const m = asMap(this.r, v);
    if (!m) return undefined;
    m.checkKeys(STEP_KEYS);
    const idVal = m.required('id');
    const id = this.id(idVal);
    if (idVal) ids.add(id, idVal.offset);
    const title = this.text(m.required('title'));
    const roleVal = m.get('role');
    const role = this.choice(roleVal, STEP_ROLES);
    const when = this.condition(m.get('when'));
    const optional = asBool(this.r, m.get('optional')) ?? false;
    if (role && roleVal) this.roles.push({ role, offset: roleVal.offset, index: this.stepCount, optional });
    const hints = this.list(m.get('hints'), (item) => this.hint(item));
    const confirm = m.has('confirm') ? this.text(m.get('confirm')) : undefined;

    // Names are defined even when their asset has a problem (reported there, not at every use).
    const files = this.stepFiles(m.get('files'));

    const commands = this.commands(m.get('commands'), true);
    const solve = m.has('solve') ? this.commands(m.get('solve'), true) : commands;
    const checks = this.checks(m.get('checks'));
    const shell = m.has('shell') ? this.shell(m.get('shell')) : undefined;

    const body = id !== undefined && ID.test(id) && idVal ? this.body(id, idVal.offset) : undefined;
    const beats = body && id !== undefined && idVal ? this.beats(id, idVal.offset, body) : undefined;
    if (id === undefined || !title || !body || !beats) return undefined;
    return {
      id,
      title,
      body,
      beats: beats.beats,
      actionBeat: beats.actionBeat,
      ...(role ? { role } : {}),
      ...(when ? { when } : {}),
      optional,
      ...(confirm ? { confirm } : {}),
      files,
      commands,
      checks,
      solve,
      ...(shell ? { shell } : {}),
      hints,
    };
  }

  private body(id: string, offset: number): Text | undefined {
    const body: Partial<Record<Lang, string>> = {};
    for (const lang of LANGS) {
      const rel = `steps/${id}.${lang}.md`;
      const read = readSource(this.source, rel, 'markdown');
      if (read.ok) body[lang] = read.text;
      else if (read.problem.kind === 'missing') this.r.at(offset, 'loader.missingMarkdown', { id, path: displayPath(this.source.dir, rel) });
      else this.fileProblem(offset, rel, read.problem);
    }
    return complete(body);
  }

  /**
   * The step's texts cut into beats (step-beats.ts), with what makes them unusable reported in
   * the step files themselves: an empty beat, a second action marker, a `---` that Markdown
   * reads as a heading underline; and at the step's id: languages that disagree on the number
   * of beats or on the beat of the action.
   */
  private beats(id: string, offset: number, body: Text): { beats: Record<Lang, readonly string[]>; actionBeat: number } | undefined {
    const beats: Partial<Record<Lang, readonly string[]>> = {};
    const action: Partial<Record<Lang, number>> = {};
    let ok = true;
    for (const lang of LANGS) {
      const file = displayPath(this.source.dir, `steps/${id}.${lang}.md`);
      const split = splitBeats(body[lang]);
      for (const line of split.headingUnderlines) {
        ok = false;
        this.r.inFile(file, line, 1, 'loader.beatHeadingUnderline');
      }
      split.beats.forEach((beat, i) => {
        if (beat.empty) {
          ok = false;
          this.r.inFile(file, beat.line, 1, 'loader.beatEmpty', { beat: i + 1, count: split.beats.length });
        }
      });
      const markers = split.beats.flatMap((beat, i) => beat.actionLines.map((line) => ({ line, beat: i })));
      const first = markers[0];
      for (const extra of markers.slice(1)) {
        ok = false;
        this.r.inFile(file, extra.line, 1, 'loader.beatActionTwice', { line: first?.line ?? 0 });
      }
      beats[lang] = split.beats.map((b) => b.text);
      action[lang] = first ? first.beat : split.beats.length - 1;
    }
    const [a, b] = LANGS;
    const countA = beats[a]?.length ?? 0;
    const countB = beats[b]?.length ?? 0;
    if (countA !== countB) {
      ok = false;
      this.r.at(offset, 'loader.beatCountMismatch', { id, lang: a, count: countA, otherLang: b, otherCount: countB });
    } else if (action[a] !== action[b]) {
      ok = false;
      this.r.at(offset, 'loader.beatActionMismatch', { id, lang: a, beat: (action[a] ?? 0) + 1, otherLang: b, otherBeat: (action[b] ?? 0) + 1 });
    }
    if (!ok) return undefined;
    return { beats: { en: beats.en ?? [], 'zh-CN': beats['zh-CN'] ?? [] }, actionBeat: action[a] ?? 0 };
  }

  private stepFiles(v: Val | undefined): FileSpec[] {
    const seen = new Map<string, number>();
    return this.list(v, (item) => {
      const m = asMap(this.r, item);
      if (!m) return undefined;
      m.checkKeys(FILE_KEYS);
      const nameVal = m.required('name');
      const name = this.id(nameVal);
      if (name !== undefined) this.files.add(name);
      const when = this.condition(m.get('when'));
      if (name !== undefined && nameVal) {
        // Entries with one name and different conditions are alternatives; the same condition twice is a mistake.
        const key = `${name}\u0000${JSON.stringify(canonical(when))}`;
        const first = seen.get(key);
        if (first === undefined) seen.set(key, nameVal.offset);
        else this.r.at(nameVal.offset, 'loader.duplicateFile', { id: name, line: this.r.lineOf(first) });
      }
      const assetVal = m.required('asset');
      const asset = this.relPath(assetVal);
      let content: string | undefined;
      if (asset !== undefined && assetVal && this.assetsDir !== null) {
        const rel = joinRel(this.assetsDir, asset);
        if (escapes(rel)) {
          this.r.at(assetVal.offset, 'loader.pathEscapes', { field: assetVal.field });
        } else {
          const read = readSource(this.source, rel, 'asset');
          if (read.ok) content = read.text;
          else if (read.problem.kind === 'missing') this.r.at(assetVal.offset, 'loader.missingAsset', { path: displayPath(this.source.dir, rel) });
          else this.fileProblem(assetVal.offset, rel, read.problem);
        }
      }
      if (name === undefined || asset === undefined || content === undefined) return undefined;
      if (assetVal) this.fileDefs.set(name, [...(this.fileDefs.get(name) ?? []), { asset, content, offset: assetVal.offset }]);
      return { name, asset, ...(when ? { when } : {}), content };
    });
  }

  /** `onMachine`: the commands run on the learner's machine (lint warns about unknown programs). */
  private commands(v: Val | undefined, onMachine: boolean): CommandSpec[] {
    const ids = new IdScope(this.r, 'loader.duplicateCommand');
    return this.list(v, (item) => {
      const m = asMap(this.r, item);
      if (!m) return undefined;
      m.checkKeys(COMMAND_KEYS);
      const idVal = m.required('id');
      const id = this.id(idVal);
      if (idVal) ids.add(id, idVal.offset);
      const runVal = m.required('run');
      const argv = this.argv(runVal);
      const program = argv?.[0];
      if (onMachine && program !== undefined && runVal && !KNOWN_PROGRAMS.some((p) => p === program)) {
        const first = isSeq(runVal.node) ? runVal.node.items[0] : undefined;
        const at = isScalar(first) && first.range ? first.range[0] : runVal.offset;
        this.r.warnAt(at, 'loader.unknownProgram', { program, known: KNOWN_PROGRAMS.join(', ') });
      }
      if (argv) this.noteFileUses(argv);
      const title = m.has('title') ? this.text(m.get('title')) : undefined;
      const when = this.condition(m.get('when'));
      const timeoutVal = m.get('timeout');
      let timeoutMs = asDuration(this.r, timeoutVal);
      if (timeoutMs === 0 && timeoutVal) {
        this.r.at(timeoutVal.offset, 'loader.zeroTimeout');
        timeoutMs = undefined;
      }
      const allowFailure = asBool(this.r, m.get('allowFailure')) ?? false;
      const unless = this.choice(m.get('unless'), COMMAND_GUARDS);
      if (id === undefined || !argv) return undefined;
      return {
        id,
        argv,
        ...(title ? { title } : {}),
        ...(when ? { when } : {}),
        ...(unless ? { unless } : {}),
        timeoutMs: timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
        allowFailure,
      };
    });
  }

  /** Remembers which files a command applies with kubectl or creates a kind cluster from. */
  private noteFileUses(argv: readonly string[]): void {
    const program = toolName(argv[0] ?? '');
    const files = program === 'kubectl' ? kubectlManifestFiles(argv.slice(1)) : program === 'kind' ? kindConfigFiles(argv.slice(1)) : [];
    for (const f of files) {
      const m = /^\{file:([A-Za-z0-9._-]+)\}$/.exec(f);
      if (m?.[1]) this.fileUses.push({ name: m[1], as: program === 'kubectl' ? 'manifest' : 'kindConfig' });
    }
  }

  /**
   * What the tour applies is the tour's: every object of a manifest it applies carries
   * app.kubernetes.io/managed-by=ivol-tour, and every node of a kind config it creates a cluster
   * from carries the cluster mark. Assets are applied byte for byte, so the check is on them.
   */
  private checkAppliedFiles(): void {
    const reported = new Set<number>();
    for (const use of this.fileUses) {
      for (const def of this.fileDefs.get(use.name) ?? []) {
        if (reported.has(def.offset)) continue;
        if (use.as === 'manifest') {
          const bad = unlabelledManifestObject(def.content);
          if (bad) {
            reported.add(def.offset);
            this.r.at(def.offset, 'loader.manifestUnlabelled', { asset: def.asset, kind: bad.kind, name: bad.name, label: MANAGED_SELECTOR });
          }
        } else {
          const unmarked = unmarkedKindNodes(def.content);
          if (unmarked !== null && unmarked > 0) {
            reported.add(def.offset);
            this.r.at(def.offset, 'loader.kindConfigUnmarked', { asset: def.asset, label: `${CLUSTER_MARK_LABEL}: ${CLUSTER_MARK_VALUE}` });
          }
        }
      }
    }
  }

  /** At most one clean-up step, the last one, and not optional (run always runs it). */
  private checkRoles(): void {
    const cleanups = this.roles.filter((x) => x.role === 'cleanup');
    const first = cleanups[0];
    for (const extra of cleanups.slice(1)) this.r.at(extra.offset, 'loader.duplicateRole', { role: 'cleanup', line: first ? this.r.lineOf(first.offset) : 0 });
    if (first && first.index !== this.stepCount - 1) this.r.at(first.offset, 'loader.cleanupNotLast');
    if (first?.optional) this.r.at(first.offset, 'loader.cleanupOptional');
  }

  private checks(v: Val | undefined): CheckSpec[] {
    const ids = new IdScope(this.r, 'loader.duplicateCheck');
    const earlier: string[] = [];
    return this.list(v, (item) => {
      const m = asMap(this.r, item);
      if (!m) return undefined;
      m.checkKeys([...CHECK_COMMON_KEYS, ...CHECK_FIELD_KEYS]);
      const idVal = m.required('id');
      const id = this.id(idVal);
      if (idVal) ids.add(id, idVal.offset);
      const kindVal = m.required('kind');
      const kindText = asString(this.r, kindVal);
      let kind: CheckKind | undefined;
      if (kindText !== undefined && kindVal) {
        if (isCheckKind(kindText)) kind = kindText;
        else this.r.at(kindVal.offset, 'loader.unknownCheckKind', { kind: kindText, hint: this.r.hint(kindText, CHECK_KINDS) });
      }
      const title = this.text(m.required('title'));
      const when = this.condition(m.get('when'));
      const timeoutMs = asDuration(this.r, m.get('timeout')) ?? 0;
      const hint = m.has('hint') ? this.text(m.get('hint')) : undefined;
      // `assumes:` names earlier checks of this step (a single id is a list of one).
      const assumes = m.has('assumes') ? this.hintList(m.get('assumes'), (x) => this.earlierCheck(x, earlier)) : undefined;
      const fields = this.checkFields(m);
      if (kind) this.checkFieldsFor(kind, m);
      if (id !== undefined) earlier.push(id);
      if (id === undefined || !kind || !title) return undefined;
      return { id, kind, title, ...(when ? { when } : {}), timeoutMs, ...fields, ...(hint ? { hint } : {}), ...(assumes ? { assumes } : {}) };
    });
  }

  /** The kind-specific fields that are present, each validated for its type. */
  private checkFields(m: MapView): Partial<Pick<CheckSpec, CheckField>> {
    const out: { -readonly [K in CheckField]?: CheckSpec[K] } = {};
    const pod = this.varString(m.get('pod'));
    if (pod !== undefined) out.pod = pod;
    const container = this.varString(m.get('container'));
    if (container !== undefined) out.container = container;
    const argv = this.argv(m.get('argv'));
    if (argv !== undefined) out.argv = argv;
    const equals = asString(this.r, m.get('equals'));
    if (equals !== undefined) out.equals = equals;
    const contains = asString(this.r, m.get('contains'));
    if (contains !== undefined) out.contains = contains;
    const phase = this.choice(m.get('phase'), POD_PHASES);
    if (phase !== undefined) out.phase = phase;
    const count = asCount(this.r, m.get('count'));
    if (count !== undefined) out.count = count;
    const volume = asString(this.r, m.get('volume'), { nonEmpty: true });
    if (volume !== undefined) out.volume = volume;
    const fileVal = m.get('file');
    const file = asString(this.r, fileVal, { nonEmpty: true });
    if (file !== undefined && fileVal) {
      if (this.files.has(file)) out.file = file;
      else this.r.at(fileVal.offset, 'loader.unknownFile', { name: file });
    }
    return out;
  }

  private checkFieldsFor(kind: CheckKind, m: MapView): void {
    const { required, optional } = CHECK_FIELDS[kind];
    for (const field of required) {
      if (!m.has(field)) this.r.at(m.offset, 'loader.checkNeeds', { kind, field });
    }
    for (const field of CHECK_FIELD_KEYS) {
      if (m.has(field) && !required.includes(field) && !optional.includes(field)) {
        this.r.at(m.keyOffset(field), 'loader.checkFieldNotApplicable', { field, kind });
      }
    }
    if (kind === 'execOutput') {
      if (!m.has('equals') && !m.has('contains')) this.r.at(m.offset, 'loader.checkNeedsEqualsOrContains');
      else if (m.has('equals') && m.has('contains')) this.r.at(m.keyOffset('contains'), 'loader.checkEqualsAndContains');
    }
  }

  private shell(v: Val | undefined): ShellSpec | undefined {
    const m = asMap(this.r, v);
    if (!m) return undefined;
    m.checkKeys(SHELL_KEYS);
    const pod = this.varString(m.required('pod'));
    const container = this.varString(m.required('container'));
    const ids = new IdScope(this.r, 'loader.duplicateTask');
    const tasks = this.list(m.get('tasks'), (item): ShellTask | undefined => {
      const tm = asMap(this.r, item);
      if (!tm) return undefined;
      tm.checkKeys(TASK_KEYS);
      const idVal = tm.required('id');
      const id = this.id(idVal);
      if (idVal) ids.add(id, idVal.offset);
      const title = this.text(tm.required('title'));
      const matchVal = tm.required('match');
      const match = asString(this.r, matchVal, { nonEmpty: true, maxChars: MAX_PATTERN_CHARS });
      let valid = match !== undefined;
      if (match !== undefined && matchVal) {
        // Compiled by the engine that matches it: RE2, linear time (task-pattern.ts).
        const compiled = compileTaskPattern(match);
        if (!compiled.ok) {
          valid = false;
          this.r.at(matchVal.offset, 'loader.badRegex', { error: compiled.error });
        }
      }
      if (id === undefined || !title || match === undefined || !valid) return undefined;
      return { id, title, match };
    });
    if (pod === undefined || container === undefined) return undefined;
    return { pod, container, tasks };
  }

  private condition(v: Val | undefined): Condition | undefined {
    const m = asMap(this.r, v);
    if (!m) return undefined;
    m.checkKeys(CONDITION_KEYS);
    const cond: { profile?: Profile; featureGate?: boolean; mode?: readonly Mode[]; prepared?: boolean } = {};
    const profile = this.choice(m.get('profile'), PROFILES);
    if (profile !== undefined) cond.profile = profile;
    const featureGate = asBool(this.r, m.get('featureGate'));
    if (featureGate !== undefined) cond.featureGate = featureGate;
    const prepared = asBool(this.r, m.get('prepared'));
    if (prepared !== undefined) cond.prepared = prepared;
    const modeVal = m.get('mode');
    if (modeVal) {
      // A single mode is accepted as a list of one.
      const items = isSeq(modeVal.node) ? asList(this.r, modeVal) : [modeVal];
      if (items) {
        const modes: Mode[] = [];
        for (const item of items) {
          const mode = this.choice(item, MODES, 'mode');
          if (mode !== undefined) modes.push(mode);
        }
        if (items.length === 0) this.r.at(modeVal.offset, 'loader.emptyModes');
        cond.mode = modes;
      }
    }
    return cond;
  }

  private choice<T extends string>(v: Val | undefined, allowed: readonly T[], field = v?.field): T | undefined {
    const text = asString(this.r, v);
    if (text === undefined || !v) return undefined;
    const found = allowed.find((a) => a === text);
    if (found !== undefined) return found;
    this.r.at(v.offset, 'loader.badChoice', { field: field ?? v.field, value: text, allowed: allowed.join(', '), hint: this.r.hint(text, allowed) });
    return undefined;
  }

  private id(v: Val | undefined): string | undefined {
    const id = asString(this.r, v, { nonEmpty: true });
    if (id === undefined || !v) return undefined;
    if (!ID.test(id)) this.r.at(v.offset, 'loader.badId', { id });
    else if (id.length > MAX_ID_CHARS) {
      // Step ids name files (steps/<id>.en.md): a long one is a problem, not an error of the file system.
      this.r.at(v.offset, 'loader.idTooLong', { chars: id.length, max: MAX_ID_CHARS });
      return undefined;
    }
    return id;
  }

  /** A step text or asset that exists but cannot be used (not a regular file, too big, outside the folder, ...). */
  private fileProblem(offset: number, rel: string, problem: SourceProblem): void {
    this.r.atRef(offset, sourceProblemMessage(displayPath(this.source.dir, rel), problem));
  }

  /**
   * A step hint: a text, optionally with `when` (shown only when it matches, e.g. one profile),
   * `about` (the diagnosis rules it explains) and `seen` (texts of the errors it explains).
   */
  private hint(v: Val): Hint | undefined {
    const text = this.text(v, HINT_KEYS);
    const m = isMap(v.node) ? asMap(this.r, v) : undefined;
    const when = m?.has('when') ? this.condition(m.get('when')) : undefined;
    const about = m?.has('about') ? this.hintList(m.get('about'), (item) => this.ruleId(item)) : undefined;
    const seen = m?.has('seen') ? this.hintList(m.get('seen'), (item) => asString(this.r, item, { nonEmpty: true })) : undefined;
    if (!text) return undefined;
    return { ...text, ...(when ? { when } : {}), ...(about ? { about } : {}), ...(seen ? { seen } : {}) };
  }

  /** `about:` or `seen:` of a hint: a list (a single value is a list of one), not empty. */
  private hintList(v: Val | undefined, read: (item: Val) => string | undefined): string[] | undefined {
    if (!v) return undefined;
    const items = isSeq(v.node) ? asList(this.r, v) : [v];
    if (!items) return undefined;
    if (items.length === 0) {
      this.r.at(v.offset, 'loader.emptyHintList', { field: v.field });
      return undefined;
    }
    const values = items.map(read);
    return values.every((x) => x !== undefined) ? values : undefined;
  }

  /** The id of an earlier check of the same step, as a check's `assumes:` names it. */
  private earlierCheck(v: Val, earlier: readonly string[]): string | undefined {
    const id = asString(this.r, v, { nonEmpty: true });
    if (id === undefined) return undefined;
    if (earlier.includes(id)) return id;
    this.r.at(v.offset, 'loader.unknownAssumedCheck', { check: id, hint: this.r.hint(id, earlier) });
    return undefined;
  }

  /** A diagnosis rule's id (diagnosis.ts), as a hint's `about:` names it. */
  private ruleId(v: Val): string | undefined {
    const id = asString(this.r, v, { nonEmpty: true });
    if (id === undefined) return undefined;
    if (DIAGNOSIS_RULE_IDS.includes(id)) return id;
    this.r.at(v.offset, 'loader.unknownDiagnosisRule', { rule: id, hint: this.r.hint(id, DIAGNOSIS_RULE_IDS), known: knownRules(id) });
    return undefined;
  }

  private text(v: Val | undefined, otherKeys: readonly string[] = []): Text | undefined {
    if (!v) return undefined;
    if (!isMap(v.node)) {
      this.r.at(v.offset, 'loader.expectText', { field: v.field });
      return undefined;
    }
    const m = asMap(this.r, v);
    if (!m) return undefined;
    m.checkKeys([...LANGS, ...otherKeys]);
    const text: Partial<Record<Lang, string>> = {};
    for (const lang of LANGS) {
      if (!m.has(lang)) {
        this.r.at(m.offset, 'loader.textMissingLang', { field: v.field, lang });
        continue;
      }
      const langVal = m.get(lang);
      const s = asString(this.r, langVal ? { ...langVal, field: `${v.field}.${lang}` } : undefined);
      if (s === undefined) continue;
      if (s.trim() === '' && langVal) this.r.at(langVal.offset, 'loader.textEmpty', { field: v.field, lang });
      else text[lang] = s;
    }
    return complete(text);
  }

  /** A relative '/'-separated path (assets:, asset:). */
  private relPath(v: Val | undefined): string | undefined {
    const p = asString(this.r, v, { nonEmpty: true });
    if (p === undefined || !v) return undefined;
    if (isAbsolutePath(p)) {
      this.r.at(v.offset, 'loader.absolutePath', { field: v.field });
      return undefined;
    }
    return p;
  }

  private argv(v: Val | undefined): string[] | undefined {
    const items = asList(this.r, v);
    if (!items || !v) return undefined;
    if (items.length === 0) {
      this.r.at(v.offset, 'loader.emptyList', { field: v.field });
      return undefined;
    }
    // Every argument is checked, so every problem is reported.
    const args = items.map((item) => this.varString(item, false));
    return args.every((a) => a !== undefined) ? args : undefined;
  }

  /** A string that may hold variables; unknown variables and file names are reported. */
  private varString(v: Val | undefined, nonEmpty = true): string | undefined {
    const s = asString(this.r, v, { nonEmpty });
    if (s === undefined || !v) return undefined;
    let ok = true;
    for (const name of variablesIn(s)) {
      const offset = this.offsetIn(v, `{${name}}`);
      if (!isKnownVariable(name)) {
        ok = false;
        const known = VARIABLE_NAMES.map((n) => `{${n}}`).join(' ') + ' {file:NAME}';
        this.r.at(offset, 'loader.unknownVariable', { variable: `{${name}}`, hint: this.r.hint(name, VARIABLE_NAMES), known });
      } else if (name.startsWith('file:') && !this.files.has(name.slice(5))) {
        ok = false;
        this.r.at(offset, 'loader.unknownFile', { name: name.slice(5) });
      } else if (isTutorialVariable(name) && !this.declared.has(name)) {
        ok = false;
        this.r.at(offset, 'loader.undeclaredVariable', { variable: `{${name}}`, key: name });
      }
    }
    return ok ? s : undefined;
  }

  /** The offset of `needle` as written inside a scalar, or the scalar's start. */
  private offsetIn(v: Val, needle: string): number {
    const range = v.node?.range;
    // An alias (*name) points elsewhere: report at the alias.
    const raw = range && range[0] === v.offset ? this.yamlText.slice(range[0], range[1]) : '';
    const i = raw.indexOf(needle);
    return i >= 0 ? v.offset + i : v.offset;
  }

  private list<T>(v: Val | undefined, read: (item: Val) => T | undefined): T[] {
    const out: T[] = [];
    for (const item of asList(this.r, v) ?? []) {
      const value = read(item);
      if (value !== undefined) out.push(value);
    }
    return out;
  }
}

/**
 * The rule ids to show with an unknown one: those of its family (`registry.` for
 * `registry.offline`), or every family when it names none.
 */
function knownRules(id: string): string {
  const family = id.includes('.') ? id.slice(0, id.indexOf('.') + 1) : '';
  const same = family === '' ? [] : DIAGNOSIS_RULE_IDS.filter((r) => r.startsWith(family));
  if (same.length > 0) return same.join(', ');
  return [...new Set(DIAGNOSIS_RULE_IDS.map((r) => `${r.slice(0, r.indexOf('.'))}.…`))].join(', ');
}

/** Whether a normalised relative path (joinRel) leaves the folder it is relative to. */
function escapes(rel: string): boolean {
  return rel === '..' || rel.startsWith('../');
}

function complete(parts: Partial<Record<Lang, string>>): Text | undefined {
  const en = parts.en;
  const zh = parts['zh-CN'];
  return en !== undefined && zh !== undefined ? { en, 'zh-CN': zh } : undefined;
}

/** A condition with its keys in a fixed order, for comparing two conditions. */
function canonical(when: Condition | undefined): unknown {
  if (!when) return null;
  return [when.profile ?? null, when.featureGate ?? null, when.mode ? [...when.mode].sort() : null, when.prepared ?? null];
}
