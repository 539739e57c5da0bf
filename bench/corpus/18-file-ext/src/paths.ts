export function basename(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** Extension of the last path segment; '' for none or dotfiles. */
export function extname(path: string): string {
  const base = basename(path);
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return '';
  return base.slice(dot + 1);
}

export function stripExtension(path: string): string {
  const ext = extname(path);
  return ext === '' ? path : path.slice(0, path.length - ext.length);
}

/** Replaces (or adds) the extension; `ext` may be given with or without the dot. */
export function replaceExtension(path: string, ext: string): string {
  const suffix = ext === '' || ext.startsWith('.') ? ext : `.${ext}`;
  return stripExtension(path) + suffix;
}

export function hasExtension(path: string, allowed: readonly string[]): boolean {
  return allowed.includes(extname(path).toLowerCase());
}

/** Groups file paths by extension ('' for files without one). */
export function groupByExtension(paths: readonly string[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const path of paths) {
    const ext = extname(path);
    groups.set(ext, [...(groups.get(ext) ?? []), path]);
  }
  return groups;
}
