/**
 * Which Node runs a project's commands in a sandbox: the one the project uses, not the one this
 * tool happens to run on (a suite can fail on a Node it never targeted). In order:
 *
 * 1. A Node the project installs itself: `node` in its `node_modules/.bin` (the `node` package).
 * 2. What the project asks for: `.nvmrc`, `.node-version`, `package.json` `engines.node`, and the
 *    `engines.node` of the test runner it depends on (vitest, jest, mocha). Among the Nodes on this
 *    machine (the user's PATH, version managers' installs), the user's `node` when it satisfies
 *    them all, else the highest that does.
 * 3. Nothing asked for: the user's `node`.
 * 4. Only when no Node on the machine satisfies them, this tool's own Node, and the report says so.
 *
 * A runner's range is binding (its suite cannot start outside it); when nothing satisfies every
 * range, the runner's alone decide, and the report marks the project's own as not met.
 *
 * Pure: the machine's Nodes and the project's files are read in node-installs.ts.
 */
import semver from 'semver';

/** Where a Node was found: on the user's PATH, in a version manager's installs, or this tool's own. */
export type NodeOrigin = 'path' | 'nvm' | 'fnm' | 'volta' | 'n' | 'asdf' | 'own';

export interface InstalledNode {
  /** Where it was found: a PATH entry's `node`, or a version manager's `bin/node`. */
  path: string;
  /** The binary itself, links and shims followed (its `process.execPath`). */
  binary: string;
  /** `v20.20.2` */
  version: string;
  origin: NodeOrigin;
}

/** A Node version range a project states. */
export interface NodeRequirement {
  /** Where it is stated: `.nvmrc`, `package.json engines`, `vitest's engines`. */
  from: string;
  /** As written there. */
  stated: string;
  /** As a semver range. */
  range: string;
  /** A test runner's own range, which outweighs the project's. */
  runner: boolean;
}

/** The Node chosen for a project's commands. */
export interface NodeChoice {
  /** The host binary; absent for the project's own `node_modules/.bin/node`. */
  binary?: string;
  /** Absent when only running it can tell (a project's `node` not from the `node` package). */
  version?: string;
  /** Which one and why, in words (see `SandboxNode.source`). */
  source: string;
}

export interface NodeChoiceInput {
  /** The project's own `node_modules/.bin/node`, when it has one. */
  projectNode?: { version?: string };
  /** The Nodes on this machine: those on the user's PATH in its order (the first is the user's `node`), then the rest. */
  installed: readonly InstalledNode[];
  /** This tool's own Node, the last resort. */
  own: InstalledNode;
  requirements: readonly NodeRequirement[];
}

/** nvm's `lts/<name>` aliases. */
const LTS_MAJORS: Readonly<Record<string, number>> = {
  argon: 4,
  boron: 6,
  carbon: 8,
  dubnium: 10,
  erbium: 12,
  fermium: 14,
  gallium: 16,
  hydrogen: 18,
  iron: 20,
  jod: 22,
  krypton: 24,
};

/**
 * The range a version manager's pin file (`.nvmrc`, `.node-version`) asks for. A pin names a
 * version to install; what a suite depends on is its major line, so `20.11.0` asks for `20.x` and
 * a machine with 20.20 need not fall back to another major. Undefined for what names no line
 * (`node`, `lts/*`, `system`).
 */
export function pinRange(text: string): { stated: string; range: string } | undefined {
  const stated = text.replace(/#.*/g, '').trim().split(/\s+/)[0] ?? '';
  const major = /^v?(\d+)(\.\d+){0,2}$/.exec(stated)?.[1] ?? LTS_MAJORS[/^lts\/(\w+)$/i.exec(stated)?.[1]?.toLowerCase() ?? ''];
  return major === undefined ? undefined : { stated, range: `${major}.x` };
}

/** An `engines.node` value as a range, or undefined when it is none semver reads. */
export function engineRange(value: unknown): string | undefined {
  return typeof value === 'string' && semver.validRange(value) !== null ? value : undefined;
}

const meets = (version: string, requirement: NodeRequirement): boolean => semver.satisfies(version, requirement.range);

const MANAGERS: Readonly<Record<Exclude<NodeOrigin, 'path' | 'own'>, string>> = {
  nvm: 'nvm',
  fnm: 'fnm',
  volta: 'Volta',
  n: 'n',
  asdf: 'asdf',
};

function who(node: InstalledNode, user: InstalledNode | undefined): string {
  if (node.origin === 'own') return `recursive-improve's own Node at ${node.path}`;
  if (node.origin === 'path') return node === user ? `the machine's node at ${node.path}` : `the node at ${node.path} on PATH`;
  return `${MANAGERS[node.origin]}'s node at ${node.path}`;
}

/**
 * The chosen Node's description: who it is, then each requirement, marked when the chosen Node
 * does not meet it, or when the user's `node` (passed over) does not.
 */
function describeChoice(
  name: string,
  version: string | undefined,
  requirements: readonly NodeRequirement[],
  passedOver?: InstalledNode,
): string {
  const notes = new Map<string, string[]>();
  for (const requirement of requirements) {
    let note = requirement.stated;
    if (version !== undefined && !meets(version, requirement)) note = `${note}, not met`;
    else if (passedOver && !meets(passedOver.version, requirement))
      note = `${note}, which the machine's ${passedOver.version} does not meet`;
    // The same range asked twice (package.json and its runner often agree) is said once.
    notes.set(note, [...(notes.get(note) ?? []), requirement.from]);
  }
  return [name, ...[...notes].map(([note, from]) => `${from.join(' and ')} ${note}`)].join('; ');
}

export function chooseNode(input: NodeChoiceInput): NodeChoice {
  const { requirements } = input;
  if (input.projectNode) {
    const { version } = input.projectNode;
    return { ...(version ? { version } : {}), source: describeChoice("the project's own node_modules/.bin/node", version, requirements) };
  }
  const user = input.installed[0]?.origin === 'path' ? input.installed[0] : undefined;
  const highestFirst = [...input.installed].sort((a, b) => semver.rcompare(a.version, b.version));
  const candidates = [...(user ? [user] : []), ...highestFirst];
  if (!candidates.some((node) => node.binary === input.own.binary)) candidates.push(input.own);
  const fitting = (ranges: readonly NodeRequirement[]) => candidates.find((node) => ranges.every((r) => meets(node.version, r)));
  const chosen = fitting(requirements) ?? fitting(requirements.filter((r) => r.runner)) ?? candidates[0]!;
  const passedOver = user && chosen !== user ? user : undefined;
  return {
    binary: chosen.binary,
    version: chosen.version,
    source: describeChoice(who(chosen, user), chosen.version, requirements, passedOver),
  };
}
