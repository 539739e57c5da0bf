import { createHash } from 'node:crypto';
import type ts from 'typescript';
import { lineOf } from '../../analysis/parse-source.ts';
import type { Edit } from '../../contract/edit.ts';
import { isTestPath } from '../../contract/test-files.ts';
import { areaOf, preferenceOf } from '../../learn/learned.ts';
import { parsedFiles } from './ast/parse.ts';
import { gatherProjectFacts } from './ast/project-facts.ts';
import { createSyntaxCheck } from './ast/syntax-check.ts';
import { applyTextEdits, resultKey, toSearchReplaceEdits } from './ast/text-edit.ts';
import { unitAtSpan, unitsByStartLine } from './ast/units.ts';
import { getOrCreate } from './get-or-create.ts';
import { bySuspicion, type SuspiciousLocation } from './localize/suspicious-location.ts';
import type { CandidateEdit, RepairOperator } from './operators/operator.ts';
import { REPAIR_OPERATORS } from './operators/registry.ts';

/** A candidate fix: one edit (or, from follow-ups, a chain of edits), ready to validate. */
export interface RepairCandidate {
  /** Hash of the resulting files: equal results share an id, so tried results can be skipped. */
  id: string;
  /** Operator name; `a+b` for a follow-up on top of an `a` candidate. */
  operator: string;
  description: string;
  /** suspiciousness x area weight x operator prior x edit weight (for a follow-up, that of its last edit). */
  score: number;
  /** Where the (last) edit was made; for a follow-up, in the text after the first edit. */
  location: SuspiciousLocation;
  /** Span edits in the order they apply, each against the text as it is at that point. */
  spans: CandidateEdit[];
  /** The same as search/replace edits (each search unique when it applies), as `Suggestion.edits`. */
  edits: Edit[];
  /** The full resulting text of every file the candidate changes. */
  patched: Record<string, string>;
}

export interface GenerateCandidatesInput {
  /** Project-relative path -> current text. */
  files: ReadonlyMap<string, string>;
  /** From localizeFaults, against these same texts. */
  suspicious: readonly SuspiciousLocation[];
  /** Most candidates returned (default 100). */
  maxCandidates?: number;
  /** Most locations mutated, most suspicious first (default 40). */
  maxLocations?: number;
  /** Per-operator prior overriding the built-in one (0 disables an operator): the hook for learned priors. */
  priors?: Readonly<Record<string, number>>;
  /** File area (folder) -> weight multiplying its candidates' scores: the hook for learned area weights. */
  areas?: Readonly<Record<string, number>>;
  /** Defaults to every operator (operators/registry.ts). */
  operators?: readonly RepairOperator[];
  /** Ids of candidates not to propose again (e.g. already validated and rejected). */
  exclude?: ReadonlySet<string>;
}

const DEFAULT_MAX_CANDIDATES = 100;
const DEFAULT_MAX_LOCATIONS = 40;

interface RawCandidate {
  edit: CandidateEdit;
  operator: string;
  score: number;
  location: SuspiciousLocation;
}

function resultId(patched: Record<string, string>): string {
  const hash = createHash('sha1');
  for (const file of Object.keys(patched).sort()) hash.update(file).update('\0').update(patched[file]!).update('\0');
  return hash.digest('hex').slice(0, 16);
}

/** The unit a location names, or (when the text moved) the first unit starting on its line. */
function unitOf(sourceFile: ts.SourceFile, location: SuspiciousLocation): ts.Node | undefined {
  return unitAtSpan(sourceFile, location.start, location.end) ?? unitsByStartLine(sourceFile).get(location.line)?.[0];
}

/**
 * Applies every operator to the most suspicious locations and returns the best candidates: ordered by
 * suspiciousness x area weight x prior x weight, deduplicated by resulting text, each re-parsed and dropped if it adds a
 * syntax error. Candidates are checked lazily in score order, so the cost stays near `maxCandidates` parses.
 */
export function generateCandidates(input: GenerateCandidatesInput): RepairCandidate[] {
  const { files } = input;
  const parse = parsedFiles(files);
  const operators = input.operators ?? REPAIR_OPERATORS;
  const facts = gatherProjectFacts([...files].filter(([file]) => !isTestPath(file)).map(([, text]) => text));
  const locations = input.suspicious
    .filter((location) => !isTestPath(location.file) && location.score > 0)
    .toSorted(bySuspicion)
    .slice(0, input.maxLocations ?? DEFAULT_MAX_LOCATIONS);

  const raw: RawCandidate[] = [];
  for (const location of locations) {
    const sourceFile = parse(location.file);
    const unit = sourceFile && unitOf(sourceFile, location);
    if (!sourceFile || !unit) continue;
    const context = { file: location.file, text: sourceFile.text, sourceFile, unit, facts };
    const suspicion = location.score * preferenceOf(input.areas, areaOf(location.file));
    for (const operator of operators) {
      const prior = input.priors?.[operator.name] ?? operator.prior;
      if (prior <= 0) continue;
      for (const edit of operator.apply(context)) {
        raw.push({ edit, operator: operator.name, score: suspicion * prior * edit.weight, location });
      }
    }
  }
  // A stable sort: equal scores keep location, then operator, then source order.
  raw.sort((a, b) => b.score - a.score);

  const max = input.maxCandidates ?? DEFAULT_MAX_CANDIDATES;
  const seen = new Set<string>();
  const syntaxChecks = new Map<string, ReturnType<typeof createSyntaxCheck>>();
  const candidates: RepairCandidate[] = [];
  for (const { edit, operator, score, location } of raw) {
    if (candidates.length >= max) break;
    const text = files.get(edit.file)!;
    const changed = resultKey(text, edit);
    const key = `${edit.file}\0${changed}`;
    if (changed === undefined || seen.has(key)) continue;
    seen.add(key);
    const syntaxOk = getOrCreate(syntaxChecks, edit.file, () => createSyntaxCheck(parse(edit.file)!));
    if (!syntaxOk(edit)) continue;
    const patched = { [edit.file]: applyTextEdits(text, [edit]) };
    const id = resultId(patched);
    if (input.exclude?.has(id)) continue;
    const { edits } = toSearchReplaceEdits(edit.file, text, [edit]);
    candidates.push({ id, operator, description: edit.description, score, location, spans: [edit], edits, patched });
  }
  return candidates;
}

/** A location's span after an edit: moved when the edit is before it, stretched when the edit is inside it. */
function moveAcross(location: SuspiciousLocation, edit: CandidateEdit): SuspiciousLocation {
  if (location.file !== edit.file || location.end <= edit.start) return location;
  const delta = edit.replacement.length - (edit.end - edit.start);
  if (location.start >= edit.end) return { ...location, start: location.start + delta, end: location.end + delta };
  return {
    ...location,
    start: Math.min(location.start, edit.start),
    end: location.end >= edit.end ? location.end + delta : edit.start + edit.replacement.length,
  };
}

export interface FollowUpInput extends Omit<GenerateCandidatesInput, 'suspicious'> {
  /** The candidate already applied: it made progress (fixed some tests) but the run is not green. */
  first: RepairCandidate;
  /** Localization of the bug; `suspiciousIn` says which texts its positions refer to. */
  suspicious: readonly SuspiciousLocation[];
  /** 'original' (default): against `files`, remapped here across the first edit; 'patched': already re-localized. */
  suspiciousIn?: 'original' | 'patched';
}

const DEFAULT_MAX_FOLLOW_UPS = 30;

/**
 * Multi-location fixes: second edits on top of `first`, each returned as a whole candidate (first's edits,
 * then the second's). Undoing the first edit is not a follow-up. Bounded by `maxCandidates` (default 30).
 */
export function generateFollowUpCandidates(input: FollowUpInput): RepairCandidate[] {
  const { files, first } = input;
  const patchedFiles = new Map(files);
  for (const [file, text] of Object.entries(first.patched)) patchedFiles.set(file, text);

  let suspicious = input.suspicious;
  if ((input.suspiciousIn ?? 'original') === 'original') {
    // Carry each location across the first candidate's edits (in order), then read its line in the patched text.
    const parse = parsedFiles(patchedFiles);
    suspicious = input.suspicious.map((location) => {
      const moved = first.spans.reduce(moveAcross, location);
      const sourceFile = parse(moved.file);
      return sourceFile ? { ...moved, line: lineOf(sourceFile, moved.start) } : moved;
    });
  }

  const seconds = generateCandidates({
    ...input,
    files: patchedFiles,
    suspicious,
    maxCandidates: input.maxCandidates ?? DEFAULT_MAX_FOLLOW_UPS,
  });
  return seconds.flatMap((second) => {
    const patched = { ...first.patched, ...second.patched };
    if (Object.entries(patched).every(([file, text]) => files.get(file) === text)) return [];
    const id = resultId(patched);
    if (input.exclude?.has(id)) return [];
    return [
      {
        id,
        operator: `${first.operator}+${second.operator}`,
        description: `${first.description}; then ${second.description}`,
        score: second.score,
        location: second.location,
        spans: [...first.spans, ...second.spans],
        edits: [...first.edits, ...second.edits],
        patched,
      },
    ];
  });
}
