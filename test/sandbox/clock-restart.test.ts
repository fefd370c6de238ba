import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSandboxProcess } from '../browser/sandbox-server';

const clockOf = async (url: string) => (await (await fetch(`${url}/sandbox/clock`)).json()) as { now: string; offsetHours: number };

describe('the sandbox clock across a restart', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'flight-plan-clock-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps the day "+1 day" moved it to, as the data written on that day stays', async () => {
    const first = await startSandboxProcess(['--bare'], { dataDir });
    const moved = (await (
      await fetch(`${first.url}/sandbox/clock`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ advanceHours: 24 }),
      })
    ).json()) as { offsetHours: number };
    expect(moved.offsetHours).toBe(24);
    await first.stop();

    const second = await startSandboxProcess(['--bare'], { dataDir });
    try {
      const clock = await clockOf(second.url);
      expect(clock.offsetHours).toBe(24);
      expect(Date.parse(clock.now) - Date.now()).toBeGreaterThan(23 * 3_600_000);
    } finally {
      await second.stop();
    }
    // Starting over starts the clock over too.
    const reset = await startSandboxProcess(['--bare', '--reset'], { dataDir });
    try {
      expect((await clockOf(reset.url)).offsetHours).toBe(0);
    } finally {
      await reset.stop();
    }
  });
});
