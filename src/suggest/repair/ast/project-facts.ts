/** Facts about the whole project that operators on one file need; gathered once per generation. */
export interface ProjectFacts {
  /** Names of functions and methods that return a promise (declared async or typed `Promise<...>`). */
  asyncCallees: ReadonlySet<string>;
}

/** Promise-returning APIs of the platform that are commonly called without `await` by mistake. */
const PLATFORM_ASYNC = [
  'fetch',
  'json',
  'text',
  'arrayBuffer',
  'blob',
  'formData',
  'readFile',
  'writeFile',
  'appendFile',
  'readdir',
  'mkdir',
  'stat',
  'lstat',
  'access',
  'rm',
  'unlink',
  'rename',
  'copyFile',
  'open',
  'all',
  'allSettled',
  'any',
  'race',
];

// A text scan, not a parse: this runs over every project file and must stay cheap; a false positive
// (a name in a comment) only adds an unlikely `await` candidate.
const ASYNC_DECLARATIONS = [
  /\basync\s+function\s*\*?\s*([A-Za-z_$][\w$]*)/g,
  /([A-Za-z_$][\w$]*)\s*[:=]\s*async\b/g,
  /\basync\s+\*?\s*([A-Za-z_$][\w$]*)\s*(?:<[^>]*>)?\s*\(/g,
  /([A-Za-z_$][\w$]*)\s*(?:<[^>]*>)?\s*\([^()]*\)\s*:\s*Promise\s*</g,
];

export function gatherProjectFacts(texts: Iterable<string>): ProjectFacts {
  const asyncCallees = new Set(PLATFORM_ASYNC);
  for (const text of texts) {
    if (!text.includes('async') && !text.includes('Promise')) continue;
    for (const pattern of ASYNC_DECLARATIONS) {
      for (const match of text.matchAll(pattern)) {
        if (match[1] !== undefined && match[1] !== 'function') asyncCallees.add(match[1]);
      }
    }
  }
  return { asyncCallees };
}
