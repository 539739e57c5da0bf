import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { type FunctionInfo, listFunctions } from './functions.ts';
import { parseSource } from './parse-source.ts';
import { normalizePath } from './source-files.ts';

/** The `.cpuprofile` format written by `node --cpu-prof` (the fields we read). */
export const CpuProfileSchema = z.object({
  nodes: z.array(
    z.object({
      id: z.number(),
      callFrame: z.object({
        functionName: z.string(),
        url: z.string(),
        lineNumber: z.number(),
        columnNumber: z.number(),
      }),
      hitCount: z.number().optional(),
      children: z.array(z.number()).optional(),
      positionTicks: z.array(z.object({ line: z.number(), ticks: z.number() })).optional(),
    }),
  ),
  startTime: z.number(),
  endTime: z.number(),
  samples: z.array(z.number()).optional(),
  timeDeltas: z.array(z.number()).optional(),
});
export type CpuProfile = z.infer<typeof CpuProfileSchema>;
type ProfileNode = CpuProfile['nodes'][number];

/** CPU time charged to one function of the project. */
export interface ProfiledFunction {
  /** Project-relative path. */
  file: string;
  fn: string;
  /** 1-based line of the function in the code V8 ran (a transform may have shifted it). */
  runtimeLine: number;
  /** 1-based line inside the function with the most samples, in the same coordinates. */
  hotRuntimeLine?: number;
  selfMs: number;
}

/**
 * Self time per project function, hottest first.
 *
 * Each sample is charged to the innermost *named* frame of the project on its stack: time in V8
 * builtins, node internals, libraries and anonymous callbacks belongs to the project function that
 * called them, which is the place a change would go. Samples with no project frame (idle, GC,
 * the runner itself) are dropped.
 */
export function profiledFunctions(profiles: readonly CpuProfile[], projectRoot: string): ProfiledFunction[] {
  const merged = new Map<string, ProfiledFunction & { lineTicks: Map<number, number> }>();
  for (const profile of profiles) {
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const parentOf = new Map<number, number>();
    for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
    const owners = new Map<number, { node: ProfileNode; file: string } | null>();
    const ownerOf = (id: number): { node: ProfileNode; file: string } | null => {
      if (owners.has(id)) return owners.get(id) ?? null;
      const node = byId.get(id);
      let owner: { node: ProfileNode; file: string } | null = null;
      if (node) {
        const file = node.callFrame.functionName ? projectFile(node.callFrame.url, projectRoot) : undefined;
        const parent = parentOf.get(id);
        owner = file ? { node, file } : parent === undefined ? null : ownerOf(parent);
      }
      owners.set(id, owner);
      return owner;
    };
    for (const [id, micros] of selfMicros(profile)) {
      const owner = ownerOf(id);
      if (!owner) continue;
      const { functionName, lineNumber } = owner.node.callFrame;
      const key = `${owner.file}\0${functionName}\0${lineNumber}`;
      const entry = merged.get(key) ?? {
        file: owner.file,
        fn: functionName,
        runtimeLine: lineNumber + 1,
        selfMs: 0,
        lineTicks: new Map<number, number>(),
      };
      entry.selfMs += micros / 1000;
      merged.set(key, entry);
    }
    // Line ticks only come from the function's own node: that is where its loops are.
    for (const node of profile.nodes) {
      const owner = ownerOf(node.id);
      if (!owner || owner.node !== node) continue;
      const entry = merged.get(`${owner.file}\0${node.callFrame.functionName}\0${node.callFrame.lineNumber}`);
      for (const tick of node.positionTicks ?? []) {
        entry?.lineTicks.set(tick.line, (entry.lineTicks.get(tick.line) ?? 0) + tick.ticks);
      }
    }
  }
  return [...merged.values()]
    .map(({ lineTicks, ...fn }) => {
      const hottest = [...lineTicks].sort((a, b) => b[1] - a[1])[0];
      return hottest ? { ...fn, hotRuntimeLine: hottest[0] } : fn;
    })
    .sort((a, b) => b.selfMs - a.selfMs);
}

/** Microseconds of self time per node id, from the sample stream (or hit counts when absent). */
function selfMicros(profile: CpuProfile): Map<number, number> {
  const micros = new Map<number, number>();
  const { samples, timeDeltas } = profile;
  if (samples && timeDeltas && samples.length === timeDeltas.length && samples.length > 0) {
    const average = (profile.endTime - profile.startTime) / samples.length;
    // timeDeltas[i] is the gap before sample i, so sample i lasted until sample i + 1.
    samples.forEach((id, i) => {
      micros.set(id, (micros.get(id) ?? 0) + Math.max(0, timeDeltas[i + 1] ?? average));
    });
    return micros;
  }
  const hits = profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0);
  const perHit = hits > 0 ? (profile.endTime - profile.startTime) / hits : 0;
  for (const node of profile.nodes) if (node.hitCount) micros.set(node.id, node.hitCount * perHit);
  return micros;
}

/** Project-relative path of a script URL, or undefined for node internals, libraries and eval code. */
function projectFile(url: string, projectRoot: string): string | undefined {
  if (!url.startsWith('file://') && !url.startsWith('/')) return undefined;
  const path = normalizePath(url.startsWith('file://') ? fileURLToPath(url.split('?')[0] ?? url) : url);
  const root = normalizePath(projectRoot).replace(/\/?$/, '/');
  if (!path.startsWith(root)) return undefined;
  const relative = path.slice(root.length);
  return relative.split('/').includes('node_modules') ? undefined : relative;
}

/** Where a profiled function and its hottest line are in the original source. */
export interface SourceLocation {
  line: number;
  hotLine?: number;
  endLine: number;
}

/**
 * Maps a profiled function back to the source text. The test runner transforms TypeScript before
 * running it, which drops type-only lines, so runtime lines can be earlier than source lines but
 * never later: the function is the one with that name at or after its runtime line. Lines inside
 * a body keep their spacing (types inside bodies are erased in place), so the hot line shifts by
 * the same offset.
 */
export function locateInSource(fn: ProfiledFunction, file: string, text: string): SourceLocation | undefined {
  const named = listFunctions(parseSource(file, text)).filter((candidate) => candidate.name === fn.fn);
  const match: FunctionInfo | undefined = named.find((candidate) => candidate.line >= fn.runtimeLine) ?? named[named.length - 1];
  if (!match) return undefined;
  const location: SourceLocation = { line: match.line, endLine: match.endLine };
  if (fn.hotRuntimeLine !== undefined) {
    const shifted = fn.hotRuntimeLine + (match.line - fn.runtimeLine);
    location.hotLine = Math.min(match.endLine, Math.max(match.line, shifted));
  }
  return location;
}
