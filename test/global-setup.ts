import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SCRATCH_ENV } from './fakes/scratch-dir';

/**
 * One scratch directory for the whole run, removed once every test file has run: the test workers' own exit hooks do
 * not run when vitest ends them. The workers find it by its environment variable (`scratchDir`).
 */
export default function setup(): () => void {
  const dir = mkdtempSync(path.join(tmpdir(), 'flight-plan-tests-'));
  process.env[SCRATCH_ENV] = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
