// The attacks a test file can make from inside the sandbox, each a small script the bench writes
// into the attacked project (`attacks/<name>.mjs`, reading the host paths it aims at from
// `attacks/baked.json`), and how the host tells whether it was contained. A probe prints
// `PROBE {"reached": bool, "detail": "..."}`; where the host can see the effect itself (a
// connection accepted, a file written, a process killed) the host's evidence decides.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandResult, Sandbox } from '../../src/index.ts';
import { ROOT } from './cli.ts';
import { type HostTraps, sentinelAlive } from './host-traps.ts';
import { killQuietly, processesMatching } from './processes.ts';
import { failed, held, type Outcome } from './verdict.ts';

/** The host traps plus what the containment case made around them. */
export interface Targets extends HostTraps {
  /** The user's project the attacked sandbox was copied from. */
  originalDir: string;
  /** A free host port the sandbox listens on for the inbound probe. */
  inboundPort: number;
  /** The workspace of another live sandbox. */
  victimWorkdir: string;
  /** The argument of the `sleep` the orphan probes leave behind, unique to this bench run. */
  sleepArg: string;
}

/** What the sandbox side of a probe said. */
export interface ProbeReport {
  reached: boolean;
  detail: string;
}

/** Everything the host knows once a probe's command returned. */
export interface ProbeRun {
  result: CommandResult;
  report?: ProbeReport;
  ms: number;
  /** Most processes of the sandbox's user seen at once while it ran. */
  peakProcesses: number;
  traps: Targets;
  token: string;
  sandbox: Sandbox;
  /** Connections each host listener had accepted before the probe ran. */
  connectionsBefore: HostTraps['connections'];
  /** Whether the victim sandbox's long-running command is still running. */
  victimAlive: () => boolean;
  /** What the host saw while the probe ran (see `Probe.during`). */
  duringResult?: string;
}

export interface Probe {
  name: string;
  /** The attempt, in a few words. */
  attempt: string;
  /** Sandbox side: an async module body with the helpers of PRELUDE in scope. */
  body: string;
  /** Wall-clock limit of the command (default 30 s). */
  timeoutMs?: number;
  /** Host paths that must not exist once the sandbox is gone (removed if they do). */
  hostPaths?: (traps: Targets) => string[];
  /** Runs on the host while the probe runs, given its output so far. */
  during?: (traps: Targets, stdout: () => string) => Promise<string>;
  /** The host's verdict (default: contained unless the probe says it reached its target). */
  judge?: (run: ProbeRun) => Outcome | Promise<Outcome>;
}

/** Helpers every probe script starts with. */
export const PRELUDE = `import fs from 'node:fs';
import net from 'node:net';
import dns from 'node:dns';
import { spawn, spawnSync } from 'node:child_process';
const B = JSON.parse(fs.readFileSync(new URL('./baked.json', import.meta.url), 'utf8'));
const read = (file) => { try { return { ok: true, text: fs.readFileSync(file, 'utf8') }; } catch (e) { return { ok: false, why: e.code ?? e.message }; } };
const write = (file, text = 'written from a sandbox') => { try { fs.writeFileSync(file, text); return { ok: true }; } catch (e) { return { ok: false, why: e.code ?? e.message }; } };
const connect = (options) => new Promise((done) => {
  const socket = net.connect(options);
  const timer = setTimeout(() => { socket.destroy(); done({ ok: false, why: 'timeout' }); }, 3000);
  socket.on('connect', () => { clearTimeout(timer); socket.end('hello from the sandbox\\n'); done({ ok: true }); });
  socket.on('error', (e) => { clearTimeout(timer); done({ ok: false, why: e.code ?? e.message }); });
});
const sh = (command, timeout = 15000) => spawnSync('/bin/bash', ['-c', command], { encoding: 'utf8', timeout });
const report = (reached, detail) => console.log('PROBE ' + JSON.stringify({ reached, detail: String(detail).replace(/\\s+/g, ' ').slice(0, 200) }));
`;

/** Where a cgroup made by the sandbox would appear on the host: below this process's own cgroups (the sandbox's are the same). */
function hostCgroupDirs(tag: string): string[] {
  const lines = readFileSync('/proc/self/cgroup', 'utf8').split('\n').filter(Boolean);
  const dirs = lines.map((line) => {
    const [, controllers, path] = line.split(':');
    return `/sys/fs/cgroup${controllers ? `/${controllers.split(',')[0]}` : ''}${path === '/' ? '' : path}/ri-bench-${tag}`;
  });
  return [...new Set(dirs)];
}

/** The probe's own last word, if it printed one. */
export function parseReport(stdout: string): ProbeReport | undefined {
  const line = stdout
    .split('\n')
    .reverse()
    .find((text) => text.startsWith('PROBE '));
  if (!line) return undefined;
  try {
    return JSON.parse(line.slice('PROBE '.length)) as ProbeReport;
  } catch {
    return undefined;
  }
}

/** Contained unless the probe reached its target. */
export function bySandboxReport({ report, result }: ProbeRun): Outcome {
  if (!report) return failed(`no probe result (exit ${result.exitCode}): ${result.stderr.trim().slice(0, 120)}`);
  return report.reached ? failed(`reached: ${report.detail}`) : held(`blocked: ${report.detail}`);
}

/** Contained when the host listener accepted no connection while the probe ran. */
const noConnection =
  (listener: keyof HostTraps['connections']) =>
  (run: ProbeRun): Outcome => {
    const accepted = run.traps.connections[listener] - run.connectionsBefore[listener];
    if (accepted > 0) return failed(`the host's ${listener} listener accepted ${accepted} connection(s) from the sandbox`);
    return held(`no connection reached the host (${run.report?.detail ?? 'no probe result'})`);
  };

/** Contained when `text` appears nowhere in what the probe printed. */
const secretAbsent = (run: ProbeRun): Outcome => {
  if (run.result.stdout.includes(run.token) || run.result.stderr.includes(run.token)) {
    return failed(`the sandbox printed the value of XYZ_API_TOKEN (${run.report?.detail ?? 'no probe result'})`);
  }
  return bySandboxReport(run);
};

const sentinelsUntouched = (run: ProbeRun): Outcome => {
  const dead = run.traps.sentinels.filter((process) => !sentinelAlive(process));
  if (dead.length > 0) return failed(`killed ${dead.length} host sentinel process(es) (${dead.map((p) => p.pid).join(', ')})`);
  if (!run.victimAlive()) return failed("killed another sandbox's running command");
  return held(`host sentinels and the other sandbox's command still run${run.report ? ` (${run.report.detail})` : ''}`);
};

const readMarker = (where: keyof HostTraps['markers'], place: string): Probe => ({
  name: `read-${where.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
  attempt: `read a marker file in ${place}`,
  body: `const r = read(B.markers.${where}); let listing = ''; try { listing = fs.readdirSync(${JSON.stringify(place)}).length + ' entries listed'; } catch (e) { listing = 'listing: ' + e.code; }
report(r.ok && r.text.includes(B.markerText), (r.ok ? 'read the marker' : r.why) + '; ' + listing);`,
});

/** A write is contained when the host does not have the file afterwards (checked by `hostPaths`). */
const hostDecides = ({ report, result }: ProbeRun): Outcome => {
  if (!report) return failed(`no probe result (exit ${result.exitCode}): ${result.stderr.trim().slice(0, 120)}`);
  return held(report.reached ? "the write landed only in the sandbox's own view" : `refused: ${report.detail}`);
};

const writeOutside = (name: string, attempt: string, target: string, hostPath: (traps: Targets) => string): Probe => ({
  name,
  attempt,
  body: `const r = write(${target}); report(r.ok, r.ok ? 'written' : r.why);`,
  hostPaths: (traps) => [hostPath(traps)],
  judge: hostDecides,
});

export const PROBES: Probe[] = [
  {
    name: 'read-original-source',
    attempt: "read the user's original project by its absolute path",
    body: `const r = read(B.original + '/src/price.ts'); report(r.ok && r.text.includes(B.markerText), r.ok ? 'read ' + B.original + '/src/price.ts' : r.why);`,
  },
  {
    name: 'read-original-env',
    attempt: "read the original project's gitignored .env",
    body: `const r = read(B.original + '/.env'); report(r.ok, r.ok ? 'read the .env (' + r.text.length + ' bytes)' : r.why);`,
  },
  {
    name: 'env-file-copied',
    attempt: 'find the gitignored .env in its own workspace copy',
    body: `const r = read('.env'); report(r.ok, r.ok ? 'the .env was copied into the sandbox' : r.why);`,
  },
  readMarker('home', '/home'),
  readMarker('root', '/root'),
  readMarker('run', '/run'),
  readMarker('varTmp', '/var/tmp'),
  readMarker('hostTmp', '/tmp'),
  {
    name: 'read-etc-shadow',
    attempt: 'read /etc/shadow',
    body: `const r = read('/etc/shadow'); report(r.ok, r.ok ? 'read /etc/shadow' : r.why);`,
  },
  {
    name: 'read-other-sandbox',
    attempt: "read another live sandbox's workspace",
    body: `const r = read(B.victimWorkdir + '/secret.txt'); report(r.ok, r.ok ? 'read ' + B.victimWorkdir + '/secret.txt' : r.why);`,
  },
  {
    name: 'unix-socket',
    attempt: 'connect to a host UNIX socket in a world-writable directory',
    body: `const r = await connect({ path: B.socketPath }); report(r.ok, r.ok ? 'connected to ' + B.socketPath : r.why);`,
    judge: noConnection('unix'),
  },
  {
    name: 'abstract-socket',
    attempt: 'connect to a host abstract UNIX socket',
    body: `const r = await connect({ path: '\\0' + B.abstractName }); report(r.ok, r.ok ? 'connected' : r.why);`,
    judge: noConnection('abstract'),
  },
  {
    name: 'tcp-loopback',
    attempt: 'TCP to 127.0.0.1 on a port the host listens on',
    body: `const r = await connect({ host: '127.0.0.1', port: B.tcpPort }); report(r.ok, r.ok ? 'connected' : r.why);`,
    judge: noConnection('tcp'),
  },
  {
    name: 'tcp-host-address',
    attempt: "TCP to the host's own network address",
    body: `const r = B.hostAddress ? await connect({ host: B.hostAddress, port: B.tcpPort }) : { ok: false, why: 'the host has no address' }; report(r.ok, r.ok ? 'connected' : r.why);`,
    judge: noConnection('tcp'),
  },
  {
    name: 'tcp-external',
    attempt: 'TCP to external addresses (1.1.1.1:443, 8.8.8.8:53)',
    body: `const a = await connect({ host: '1.1.1.1', port: 443 }); const b = await connect({ host: '8.8.8.8', port: 53 });
report(a.ok || b.ok, '1.1.1.1: ' + (a.ok ? 'connected' : a.why) + ', 8.8.8.8: ' + (b.ok ? 'connected' : b.why));`,
  },
  {
    name: 'dns',
    attempt: 'resolve a name through DNS',
    body: `const lookup = await dns.promises.lookup('example.com').then((a) => 'lookup ' + a.address, (e) => 'lookup ' + e.code);
const query = await dns.promises.resolve4('example.com').then((a) => 'resolve ' + a.join(','), (e) => 'resolve ' + e.code);
report(!/^lookup E/.test(lookup) || !/^resolve E/.test(query), lookup + '; ' + query);`,
  },
  {
    name: 'inbound-listen',
    attempt: 'listen on a port for the host to connect to',
    body: `const server = net.createServer((c) => c.end('hi')).listen(B.inboundPort, '127.0.0.1', () => console.log('LISTENING'));
await new Promise((done) => setTimeout(done, 4000)); server.close(); report(false, 'listened on ' + B.inboundPort + ' for 4 s');`,
    during: async (traps, stdout) => {
      for (let i = 0; i < 60 && !stdout().includes('LISTENING'); i++) await new Promise((done) => setTimeout(done, 100));
      const { connect } = await import('node:net');
      return new Promise((done) => {
        const socket = connect({ host: '127.0.0.1', port: traps.inboundPort });
        socket.once('connect', () => {
          socket.destroy();
          done('connected');
        });
        socket.once('error', (error: NodeJS.ErrnoException) => done(error.code ?? error.message));
      });
    },
    judge: (run) =>
      run.duringResult === 'connected'
        ? failed('the host connected to a port the sandbox listened on')
        : held(`the host could not connect (${run.duringResult})`),
  },
  writeOutside('write-node-modules', 'write into node_modules (shared with the host)', `'node_modules/.ri-bench-pwn-' + B.tag`, (traps) =>
    join(ROOT, `node_modules/.ri-bench-pwn-${traps.tag}`),
  ),
  writeOutside(
    'write-node-modules-host-path',
    "write into the host's node_modules by its absolute path",
    `B.repoNodeModules + '/.ri-bench-pwn-abs-' + B.tag`,
    (traps) => join(ROOT, `node_modules/.ri-bench-pwn-abs-${traps.tag}`),
  ),
  writeOutside(
    'write-usr',
    'write into /usr/local/lib',
    `'/usr/local/lib/ri-bench-pwn-' + B.tag`,
    (traps) => `/usr/local/lib/ri-bench-pwn-${traps.tag}`,
  ),
  writeOutside('write-var-tmp', 'write into /var/tmp', `'/var/tmp/ri-bench-pwn-' + B.tag`, (traps) => `/var/tmp/ri-bench-pwn-${traps.tag}`),
  writeOutside('write-host-tmp', "write into the host's /tmp", `'/tmp/ri-bench-pwn-' + B.tag`, (traps) => `/tmp/ri-bench-pwn-${traps.tag}`),
  writeOutside('write-world-writable-dir', 'write into a 0777 host directory', `B.socketDir + '/pwn'`, (traps) => `${traps.socketDir}/pwn`),
  writeOutside(
    'write-vitest-cache',
    'poison the shared vitest module cache in node_modules',
    `'node_modules/.vitest-cache/ri-bench-pwn-' + B.tag`,
    (traps) => join(ROOT, `node_modules/.vitest-cache/ri-bench-pwn-${traps.tag}`),
  ),
  {
    name: 'make-cgroup',
    attempt: 'create a cgroup (to escape its limits)',
    body: `const lines = read('/proc/self/cgroup').text ?? '';
const dirs = lines.split('\\n').filter(Boolean).map((line) => { const [, controllers, path] = line.split(':'); return '/sys/fs/cgroup' + (controllers ? '/' + controllers.split(',')[0] : '') + (path === '/' ? '' : path) + '/ri-bench-' + B.tag; });
const made = [...new Set(dirs)].map((dir) => { try { fs.mkdirSync(dir); return dir + ' made'; } catch (e) { return e.code; } });
report(made.some((m) => m.endsWith('made')), [...new Set(made)].join(', '));`,
    hostPaths: (traps) => hostCgroupDirs(traps.tag),
    judge: hostDecides,
  },
  {
    name: 'write-original',
    attempt: "write into the user's original project (new file and an edit)",
    body: `const a = write(B.original + '/PWNED-' + B.tag); let b; try { fs.appendFileSync(B.original + '/src/price.ts', '// pwned'); b = 'appended'; } catch (e) { b = e.code; }
report(a.ok || b === 'appended', 'new file: ' + (a.ok ? 'written' : a.why) + ', edit: ' + b);`,
    hostPaths: (traps) => [join(traps.originalDir, `PWNED-${traps.tag}`)],
    judge: hostDecides,
  },
  {
    name: 'env-secret',
    attempt: 'find XYZ_API_TOKEN in its environment, /proc/self/environ or /proc/1/environ',
    body: `console.log(JSON.stringify(process.env)); for (const f of ['/proc/self/environ', '/proc/1/environ']) console.log(read(f).text ?? '');
report(Object.keys(process.env).some((k) => k.includes('XYZ')), Object.keys(process.env).length + ' variables: ' + Object.keys(process.env).join(' '));`,
    judge: secretAbsent,
  },
  {
    name: 'proc-host-environ',
    attempt: "read the bench's own /proc/<pid>/environ",
    body: `const r = read('/proc/' + B.benchPid + '/environ'); console.log(r.text ?? ''); report(r.ok && r.text.includes('XYZ_API_TOKEN'), r.ok ? 'read /proc/' + B.benchPid + '/environ' : r.why);`,
    judge: secretAbsent,
  },
  {
    name: 'proc-host-processes',
    attempt: 'see host processes in /proc',
    body: `const pids = fs.readdirSync('/proc').filter((n) => /^\\d+$/.test(n)); const c = read('/proc/' + B.benchPid + '/cmdline');
report(c.ok && c.text.includes('bench'), pids.length + ' pids visible; the bench process: ' + (c.ok ? 'visible' : c.why));`,
  },
  {
    name: 'fork-bomb',
    attempt: 'a fork bomb',
    timeoutMs: 8000,
    body: `spawnSync('/bin/bash', ['-c', ':(){ :|:& };:'], { stdio: 'ignore' }); report(false, 'the bomb ended by itself');`,
    judge: (run) => {
      if (run.ms > 8000 + 15_000) return failed(`ran ${Math.round(run.ms / 1000)} s against an 8 s limit`);
      if (run.peakProcesses > run.sandbox.limits.maxProcesses) {
        return failed(`${run.peakProcesses} processes at once, over the limit of ${run.sandbox.limits.maxProcesses}`);
      }
      return held(`at most ${run.peakProcesses} processes at once, stopped after ${(run.ms / 1000).toFixed(1)} s`);
    },
  },
  {
    name: 'infinite-loop',
    attempt: 'loop forever, with a detached child that ignores SIGTERM',
    timeoutMs: 3000,
    body: `spawn(process.execPath, ['-e', "process.on('SIGTERM', () => {}); for (;;) {}"], { detached: true, stdio: 'ignore' }).unref(); for (;;) {}`,
    judge: (run) => {
      if (!run.result.timedOut) return failed(`the command was not stopped by its timeout (exit ${run.result.exitCode})`);
      if (run.ms > 3000 + 7000) return failed(`took ${(run.ms / 1000).toFixed(1)} s to stop against a 3 s limit`);
      return held(`stopped by the timeout after ${(run.ms / 1000).toFixed(1)} s`);
    },
  },
  {
    name: 'stdout-flood',
    attempt: 'print 50 MiB on stdout',
    timeoutMs: 60_000,
    body: `const chunk = Buffer.alloc(65536, 'x'); for (let i = 0; i < 800; i++) fs.writeSync(1, chunk); fs.writeSync(1, '\\n'); report(false, 'wrote 50 MiB');`,
    judge: (run) => {
      const kept = Buffer.byteLength(run.result.stdout);
      const cap = run.sandbox.limits.maxOutputBytes;
      if (kept > cap + 4096) return failed(`kept ${kept} bytes of stdout, over the ${cap}-byte cap`);
      if (run.result.timedOut) return failed('the flood did not finish within 60 s');
      return held(`kept ${kept} of 52428800 bytes in ${(run.ms / 1000).toFixed(1)} s`);
    },
  },
  {
    name: 'symlink-read',
    attempt: "plant links to host files for the tool's own reads (sandbox.readFile)",
    body: `fs.symlinkSync(B.hostSecretFile, 'src/leak.ts'); fs.rmSync('src/price.ts'); fs.symlinkSync('/etc/shadow', 'src/price.ts'); report(false, 'planted');`,
    judge: async (run) => {
      const reads = await Promise.all(
        ['src/leak.ts', 'src/price.ts'].map((file) =>
          run.sandbox.readFile(file).then(
            (text) => ({ file, text }),
            (error: Error) => ({ file, error: error.message }),
          ),
        ),
      );
      const leaked = reads.filter((read) => 'text' in read && (read.text.includes(run.traps.markerText) || /^root:/m.test(read.text)));
      if (leaked.length > 0) return failed(`sandbox.readFile followed a planted link: ${leaked.map((read) => read.file).join(', ')}`);
      return held(`refused: ${reads.map((read) => ('error' in read ? read.error : `${read.file} read`)).join('; ')}`);
    },
  },
  {
    name: 'symlink-write',
    attempt: "plant links to a host file and a host directory for the tool's writes (sandbox.writeFile)",
    body: `fs.rmSync('src/price.ts'); fs.symlinkSync(B.writeTarget, 'src/price.ts'); fs.symlinkSync(B.writeTargetDir, 'src/dirlink'); report(false, 'planted');`,
    judge: async (run) => {
      const errors: string[] = [];
      for (const [file, text] of [
        ['src/price.ts', 'OVERWRITTEN'],
        ['src/dirlink/new.txt', 'CREATED'],
      ] as const) {
        await run.sandbox.writeFile(file, text).catch((error: Error) => errors.push(error.message));
      }
      if (readFileSync(run.traps.writeTarget, 'utf8') !== run.traps.writeTargetText)
        return failed('sandbox.writeFile wrote through a link to a host file');
      if (existsSync(join(run.traps.writeTargetDir, 'new.txt')))
        return failed('sandbox.writeFile created a file in a host directory through a link');
      return held(`host file and directory untouched${errors.length > 0 ? ` (${errors.join('; ')})` : ''}`);
    },
  },
  {
    name: 'setuid',
    attempt: 'become root (setuid/setgid/seteuid 0, su)',
    body: `const tries = [];
for (const [name, fn] of [['setuid', () => process.setuid(0)], ['setgid', () => process.setgid(0)], ['seteuid', () => process.seteuid(0)]]) {
  try { fn(); tries.push(name + ' ok'); } catch (e) { tries.push(name + ' ' + (e.code ?? e.message)); }
}
const su = sh('su -c id root </dev/null 2>&1');
report(process.getuid() === 0 || process.geteuid() === 0 || su.status === 0, tries.join(', ') + '; su: ' + (su.stdout ?? '').trim().slice(0, 80));`,
  },
  {
    name: 'ptrace',
    attempt: 'ptrace the bench process and a host sentinel (strace -p)',
    body: `const out = B.ptraceTargets.map((pid) => sh('timeout 3 strace -p ' + pid + ' -e trace=none 2>&1').stdout.trim()).join(' | ');
report(/Process \\d+ attached/.test(out), out);`,
  },
  {
    name: 'mount',
    attempt: 'mount a tmpfs and bind-mount / (with the setuid mount binary)',
    body: `const r = sh('mkdir -p mnt; mount -t tmpfs none mnt 2>&1; echo "tmpfs=$?"; mount --bind / mnt 2>&1; echo "bind=$?"');
report(/tmpfs=0|bind=0/.test(r.stdout), r.stdout.trim());`,
  },
  {
    name: 'kill-all',
    attempt: 'kill -9 -1',
    body: `const r = sh('kill -9 -1 2>&1; echo "rc=$?"'); report(false, r.stdout.trim());`,
    judge: sentinelsUntouched,
  },
  {
    name: 'kill-host-pid',
    attempt: 'kill host sentinel processes by pid',
    body: `const out = B.sentinelPids.map((pid) => { try { process.kill(pid, 'SIGKILL'); return pid + ' signalled'; } catch (e) { return pid + ' ' + e.code; } });
report(false, out.join(', '));`,
    judge: sentinelsUntouched,
  },
  {
    name: 'dev-shm-persist',
    attempt: 'leave a file in /dev/shm for the host',
    body: `const r = write('/dev/shm/ri-bench-shm-' + B.tag); report(r.ok, r.ok ? 'written' : r.why);`,
    hostPaths: (traps) => [`/dev/shm/ri-bench-shm-${traps.tag}`],
    judge: hostDecides,
  },
  {
    name: 'orphan',
    attempt: 'leave a detached `sleep 1000` behind (setsid, nohup)',
    body: `spawn('setsid', ['-f', 'sleep', B.sleepArg], { detached: true, stdio: 'ignore' }).unref();
spawn('nohup', ['sleep', B.sleepArg], { detached: true, stdio: 'ignore' }).unref();
await new Promise((done) => setTimeout(done, 300)); report(false, 'spawned two sleeps');`,
    judge: (run) => {
      const left = processesMatching(`sleep ${run.traps.sleepArg}`);
      for (const process of left) killQuietly(process.pid);
      return left.length > 0 ? failed(`${left.length} detached sleep(s) outlived the command`) : held('no sleep outlived the command');
    },
  },
];
