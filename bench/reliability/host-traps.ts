// What the containment cases try to reach on the host: listening sockets that count who connects,
// marker files in places a sandbox should not see, files it should not be able to change, and
// sentinel processes it should not be able to kill. All removed by `close()`.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';

export interface HostTraps {
  /** Unique to this bench run; in every marker, so a leak is recognised. */
  tag: string;
  markerText: string;
  /** Marker files a sandbox must not read, by where they are. */
  markers: Record<'home' | 'root' | 'run' | 'varTmp' | 'hostTmp', string>;
  /** A world-writable directory holding a UNIX socket a real server listens on. */
  socketDir: string;
  socketPath: string;
  /** An abstract UNIX socket name (no leading NUL). */
  abstractName: string;
  /** A TCP port listening on every host address. */
  tcpPort: number;
  /** The host's own non-loopback address, when it has one. */
  hostAddress?: string;
  /** A host file a planted link may point at (in the host's /tmp, which the sandbox does not see). */
  hostSecretFile: string;
  /** A host file a planted link must not let anyone overwrite, and a host directory nothing may be written into. */
  writeTarget: string;
  writeTargetText: string;
  writeTargetDir: string;
  /** Processes a sandbox must not be able to kill: one of root, one of another unprivileged user. */
  sentinels: ChildProcess[];
  /** Connections each listener accepted so far. */
  connections: Record<'unix' | 'abstract' | 'tcp', number>;
  close(): Promise<void>;
}

function listen(server: Server, target: string | { port: number; host: string }): Promise<void> {
  return new Promise((done, fail) => {
    server.once('error', fail);
    if (typeof target === 'string') server.listen(target, () => done());
    else server.listen(target.port, target.host, () => done());
  });
}

function countingServer(count: () => void): Server {
  return createServer((socket) => {
    count();
    socket.on('error', () => {});
    socket.end('hello from the host\n');
  });
}

const hostAddress = (): string | undefined =>
  Object.values(networkInterfaces())
    .flat()
    .find((address) => address?.family === 'IPv4' && !address.internal)?.address;

/** A long sleep as `uid`, killed on close. */
function sentinel(uid: number): ChildProcess {
  const process = spawn('sleep', ['3600'], { uid, gid: uid, stdio: 'ignore' });
  process.on('error', () => {}); // not root: it never started (no pid), and the kill cases say so
  return process;
}

export async function setUpHostTraps(): Promise<HostTraps> {
  const tag = randomBytes(6).toString('hex');
  const markerText = `RI-BENCH-MARKER-${tag}`;
  const markers = {
    home: `/home/.ri-bench-${tag}`,
    root: `/root/.ri-bench-${tag}`,
    run: `/run/ri-bench-${tag}`,
    varTmp: `/var/tmp/ri-bench-${tag}`,
    hostTmp: `/tmp/ri-bench-${tag}`,
  };
  for (const file of Object.values(markers)) {
    await writeFile(file, `${markerText}\n`);
    await chmod(file, 0o644);
  }
  const socketDir = `/var/tmp/ri-bench-sockets-${tag}`;
  await mkdir(socketDir);
  await chmod(socketDir, 0o777);
  const hostSecretDir = `/tmp/ri-bench-secret-${tag}`;
  await mkdir(hostSecretDir);
  const hostSecretFile = join(hostSecretDir, 'secret.ts');
  await writeFile(hostSecretFile, `export const secret = '${markerText}-SYMLINKED';\n`);
  const writeTargetDir = `/var/tmp/ri-bench-target-${tag}`;
  await mkdir(writeTargetDir);
  const writeTarget = join(writeTargetDir, 'target.txt');
  const writeTargetText = `untouched ${tag}\n`;
  await writeFile(writeTarget, writeTargetText);

  const connections = { unix: 0, abstract: 0, tcp: 0 };
  const socketPath = join(socketDir, 'agent.sock');
  const abstractName = `ri-bench-${tag}`;
  const servers = [
    countingServer(() => connections.unix++),
    countingServer(() => connections.abstract++),
    countingServer(() => connections.tcp++),
  ] as const;
  await listen(servers[0], socketPath);
  await chmod(socketPath, 0o777);
  await listen(servers[1], `\0${abstractName}`);
  await listen(servers[2], { port: 0, host: '0.0.0.0' });
  const address = servers[2].address();
  const tcpPort = typeof address === 'object' && address !== null ? address.port : 0;
  const sentinels = [sentinel(0), sentinel(65534)];

  return {
    tag,
    markerText,
    markers,
    socketDir,
    socketPath,
    abstractName,
    tcpPort,
    hostAddress: hostAddress(),
    hostSecretFile,
    writeTarget,
    writeTargetText,
    writeTargetDir,
    sentinels,
    connections,
    close: async () => {
      for (const process of sentinels) process.kill('SIGKILL');
      await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
      for (const path of [...Object.values(markers), socketDir, hostSecretDir, writeTargetDir])
        await rm(path, { recursive: true, force: true });
    },
  };
}

/** Whether a sentinel process is still there (not killed by anyone). */
export const sentinelAlive = (process: ChildProcess): boolean =>
  process.pid !== undefined && process.exitCode === null && process.signalCode === null;
