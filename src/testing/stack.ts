import type { StackFrame } from './report.ts';

/** `    at fn (location)` or `    at location`, location being `path:line:column`. */
const FRAME_LINE = /^\s*at (?:(.*?) \()?(.+?):(\d+):(\d+)\)?$/;

/** The error text before its stack frames: name, message and any diff lines vitest adds. */
export function errorMessage(stack: string): string {
  const lines = stack.split('\n');
  const firstFrame = lines.findIndex((l) => FRAME_LINE.test(l));
  return (firstFrame === -1 ? lines : lines.slice(0, firstFrame)).join('\n').trim();
}

/**
 * Frames of a V8 stack that point into the project, innermost first, with paths relative to `workdir`.
 * Vitest has already mapped them to the TypeScript sources.
 */
export function projectFrames(stack: string, workdir: string): StackFrame[] {
  const frames: StackFrame[] = [];
  for (const line of stack.split('\n')) {
    const match = FRAME_LINE.exec(line);
    if (!match) continue;
    const file = projectPath(match[2]!, workdir);
    if (file === undefined) continue;
    const fn = match[1]?.replace(/^async /, '');
    frames.push({
      file,
      line: Number(match[3]),
      column: Number(match[4]),
      ...(fn ? { fn } : {}),
    });
  }
  return frames;
}

/**
 * `location` relative to the project root, or undefined when it is not one of the project's own files
 * (node internals, dependencies, anything outside the root).
 */
export function projectPath(location: string, workdir: string): string | undefined {
  const path = location.replace(/^file:\/\//, '').replaceAll('\\', '/');
  const root = workdir.replaceAll('\\', '/').replace(/\/+$/, '') + '/';
  if (!path.startsWith(root)) return undefined;
  const relative = path.slice(root.length);
  if (relative === '' || relative.split('/').includes('node_modules')) return undefined;
  return relative;
}
