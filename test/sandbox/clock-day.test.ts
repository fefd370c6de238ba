import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../src/domain/durations';
import { invokePanel } from '../browser/issue-panel-page';
import { startSandboxProcess, type SandboxProcess } from '../browser/sandbox-server';

/**
 * The sandbox's "+1 day" as a real day on a Jira site: Forge runs a `scheduledTrigger` with `interval: hour` every hour
 * (developer.atlassian.com/platform/forge/manifest-reference/modules/scheduled-trigger/), so a reminder is posted within the hour it falls due, and a run's cap on
 * comments holds the rest only to the next hour, not to the next day.
 */
describe('the sandbox clock moved a day on', () => {
  let sandbox: SandboxProcess | undefined;
  beforeAll(async () => {
    sandbox = await startSandboxProcess([]);
  }, 60_000);
  afterAll(async () => {
    await sandbox?.stop();
  });

  const url = (path: string) => `${sandbox!.url}${path}`;
  const post = (path: string, body: unknown) =>
    fetch(url(path), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const clockNow = async () => Date.parse(((await (await fetch(url('/sandbox/clock'))).json()) as { now: string }).now);
  const commentsOn = async (key: string) =>
    (
      (await (await fetch(url(`/rest/api/3/issue/${key}/comment`))).json()) as {
        comments: { created: string; body: { content: { content?: { text?: string }[] }[] } }[];
      }
    ).comments.map((comment) => ({
      at: Date.parse(comment.created),
      text: comment.body.content.flatMap((block) => (block.content ?? []).map((inline) => inline.text ?? '')).join(''),
    }));

  it('posts each launch-watch prompt within the hour it falls due, not at the end of the day', async () => {
    // MKT-1 made ready to launch (its link's UTM fixed, the QA checks ticked), then launched through Jira's transition.
    const { record } = await invokePanel(sandbox!.url, 'MKT-1', 'record/get', {});
    const invite = record.assets.find((asset) => asset.name === 'spring26-launch-email-invite-v2');
    await invokePanel(sandbox!.url, 'MKT-1', 'asset/update', {
      assetId: invite!.id,
      trackedUrls: ['https://acme.example/webinar?utm_source=newsletter&utm_medium=email&utm_campaign=spring26-launch'],
    });
    for (const code of ['qa.claims-validated', 'qa.positioning-aligned', 'qa.links-functional', 'qa.forms-tested', 'qa.rollback-path'])
      await invokePanel(sandbox!.url, 'MKT-1', 'checklist/answer', { code, done: true });
    const { transitions } = (await (await fetch(url('/rest/api/3/issue/MKT-1/transitions'))).json()) as {
      transitions: { id: string; name: string }[];
    };
    const launch = transitions.find((transition) => transition.name === 'Launch');
    const launchedAfter = await clockNow();
    expect((await post('/rest/api/3/issue/MKT-1/transitions', { transition: { id: launch!.id } })).status).toBe(204);
    expect((await post('/sandbox/settle', {})).status).toBe(204);
    const launchedBy = await clockNow();

    expect((await post('/sandbox/clock', { advanceHours: 24 })).status).toBe(200);

    const prompts = (await commentsOn('MKT-1')).filter((comment) => comment.text.includes('launch observation was due'));
    const postedAt = (checkpoint: string) => prompts.find((prompt) => prompt.text.includes(`the ${checkpoint} launch observation`))?.at;
    expect(prompts).toHaveLength(2);
    // Due an hour after the launch: posted by the next hour's run (one run at the end of the day posted it 23 h late).
    expect(postedAt('+1h')).toBeGreaterThanOrEqual(launchedAfter + HOUR_MS);
    expect(postedAt('+1h')).toBeLessThanOrEqual(launchedBy + 2 * HOUR_MS);
    expect(postedAt('+24h')).toBeGreaterThanOrEqual(launchedAfter + 24 * HOUR_MS);
    expect(postedAt('+24h')).toBeLessThanOrEqual(launchedBy + 25 * HOUR_MS);
  }, 60_000);

  it('refuses to move the clock by nothing, or backwards', async () => {
    for (const advanceHours of [0, -1]) expect((await post('/sandbox/clock', { advanceHours })).status).toBe(400);
  });
});
