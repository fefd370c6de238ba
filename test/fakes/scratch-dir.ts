import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The environment variable naming the test run's scratch directory (`test/global-setup.ts` makes and removes it). */
export const SCRATCH_ENV = 'FLIGHT_PLAN_TEST_SCRATCH';

/** This process's scratch directory outside a test run (the bench uses the fakes too), removed when it exits. */
let own: string | null = null;

const parentDir = (): string => {
  const run = process.env[SCRATCH_ENV];
  if (run !== undefined) return run;
  if (own === null) {
    const made = mkdtempSync(path.join(tmpdir(), 'flight-plan-tests-'));
    process.once('exit', () => rmSync(made, { recursive: true, force: true }));
    own = made;
  }
  return own;
};

/**
 * A new empty directory for a fake site's files, inside the scratch directory. A full test run makes some 3,500 of
 * them (each TestJira has one): made straight in the system's temporary directory, every run left them there.
 */
export const scratchDir = (prefix: string): string => mkdtempSync(path.join(parentDir(), prefix));
