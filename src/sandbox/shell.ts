/** Quotes one argument for a POSIX shell; plain words stay readable. */
export function shellQuote(arg: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}

/** The command line a sandbox hands to `bash -c`: the command as written, then its quoted args. */
export function commandLine(command: string, args: readonly string[] = []): string {
  return [command, ...args.map(shellQuote)].join(' ');
}
