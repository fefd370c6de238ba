import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

export interface SandboxProcess {
  readonly url: string;
  /** Puts the site back as the sandbox started: its data, the app's storage and the clock. */
  readonly reset: () => Promise<void>;
  readonly stop: () => Promise<void>;
}

/** Built bundles the sandbox serves; `npm test` builds them before the tests run. */
export const BUNDLES = [
  path.join(ROOT, 'static', 'issue-panel', 'dist', 'index.html'),
  path.join(ROOT, 'sandbox', 'shell', 'dist', 'index.html'),
];

/**
 * Starts `sandbox/server.ts` as `npm start` does, in its own process (its Forge stand-ins replace
 * module resolution, which must not leak into the test runner), on a free port with fresh data;
 * `options` are the server's (`--bare` for a site with nothing set up). With a `dataDir`, the site is
 * kept in that directory when the sandbox stops, as `npm start` keeps `.sandbox-data`. Unless `resettable`
 * is false, the sandbox keeps its start for `reset` to go back to (`--resettable`, which `npm start` leaves out).
 */
export const startSandboxProcess = async (
  options: readonly string[] = [],
  { dataDir: keptDataDir, resettable = true }: { readonly dataDir?: string; readonly resettable?: boolean } = {},
): Promise<SandboxProcess> => {
  const missing = BUNDLES.filter((file) => !existsSync(file));
  if (missing.length > 0) throw new Error(`the Custom UI bundles are not built (${missing.join(', ')}): run "npm run build:ui"`);
  const dataDir = keptDataDir ?? mkdtempSync(path.join(tmpdir(), 'flight-plan-sandbox-'));
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'sandbox/server.ts', '--port', '0', '--data-dir', dataDir, ...(resettable ? ['--resettable'] : []), ...options],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    // A sandbox that does not start is killed: left running, it would spin on beside every later test.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the sandbox did not start within 30 s:\n${output}`));
    }, 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Serving on (http:\/\/localhost:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the sandbox exited with code ${code}:\n${output}`));
    });
  });
  return {
    url,
    reset: async () => {
      const answer = await fetch(`${url}/sandbox/reset`, { method: 'POST' });
      if (answer.status !== 204) throw new Error(`the sandbox did not reset: HTTP ${answer.status} ${await answer.text()}`);
    },
    // Once only, and never hanging: a server that has not exited 10 s after SIGTERM is killed.
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(killer);
      }
      if (keptDataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
};
