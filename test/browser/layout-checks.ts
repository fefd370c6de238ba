import type { Frame, Page } from 'playwright-core';
import { expect } from 'vitest';
import { moduleFrame } from './frames';

/**
 * What a person must never read (issue 15: "No code, field path, REST path or ISO timestamp reaches
 * a person; people are names"), each with why it is code-like. The browser tests run every text a
 * module renders (its text, and the titles and labels tooltips and screen readers read) through it.
 */
const CODE_LIKE = [
  { what: 'an ISO timestamp', pattern: /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/ },
  { what: 'an ISO date', pattern: /\b\d{4}-\d{2}-\d{2}\b/ },
  { what: 'a time in UTC, not the viewer’s zone', pattern: /\b\d{1,2}:\d{2}\s*UTC\b/ },
  { what: 'a REST path', pattern: /\/rest\/api\/|\b(?:GET|POST|PUT|DELETE)\s+\// },
  { what: 'a resolver key', pattern: /\b[a-z]+\/[a-z][a-zA-Z-]*:/ },
  { what: 'a field path', pattern: /\b[a-z]+[A-Za-z]*\.[a-z]+[A-Z][A-Za-z]*(?:\.[A-Za-z]+)*/ },
  { what: 'a code name', pattern: /\b[a-z]{2,}(?:[A-Z][a-z]+)+(?:Id|Ids)?\b/ },
  { what: 'a Jira field id', pattern: /\bcustomfield_\d+\b/ },
  { what: 'an asset id, not its name', pattern: /\basset-\d+\b/ },
  { what: 'an error code', pattern: /\b[A-Z]{3,}\.[A-Z][A-Z_]+\b/ },
  { what: 'an account id', pattern: /\b[0-9a-f]{24}\b|\b\d{6}:[0-9a-z-]{6,}/ },
  { what: 'a schema validator’s message', pattern: /Invalid input|expected \w+, received \w+|Too (?:small|big): expected/ },
] as const satisfies readonly { readonly what: string; readonly pattern: RegExp }[];

type CodeLikeKind = (typeof CODE_LIKE)[number]['what'];

/** The code-like pieces of `text` but those of the `allowed` kinds, each named with why. */
export const codeLikeTextAllowing = (text: string, allowed: readonly CodeLikeKind[]): string[] =>
  CODE_LIKE.filter(({ what }) => !allowed.includes(what)).flatMap(({ what, pattern }) => {
    const found = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
    return [...text.matchAll(found)].map(
      (match) =>
        `${what}: "${match[0]}" in "${text.slice(Math.max(0, match.index - 30), match.index + match[0].length + 30).replace(/\s+/g, ' ')}"`,
    );
  });

/** The code-like pieces of `text`, each named with why; empty when a person can read all of it. */
export const codeLikeText = (text: string): string[] => codeLikeTextAllowing(text, []);

/**
 * Code the admin page shows on purpose, for an admin to copy into another tool: each is found by what a person sees
 * of it (the in-page scan below knows them by these names), and only what it must hold passes. Everything else shown
 * in `pre` or `code` (a header name, the web trigger's address, the lexicon's CSV columns) is scanned as words are.
 */
const COPIED_CODE: Readonly<Record<string, readonly CodeLikeKind[] | 'all'>> = {
  // Under "What to post": the request a CRM sends. Its field names and ISO times are the format the web trigger reads.
  'example post': 'all',
  // A random token to paste into the CRM: its letters can read as a code name or an id by chance.
  secret: 'all',
  // The quarterly audit for a spreadsheet: its times as ISO timestamps, which sort; people as names, checked as anywhere.
  'audit CSV': ['an ISO timestamp', 'an ISO date'],
};

/** A text a person can read in a frame, and which copied code (a `COPIED_CODE` name) it belongs to, if any. */
interface ReadableText {
  readonly text: string;
  readonly copied: string | null;
}

/**
 * The texts of a frame a person can read: each shown text (its visible elements' own text, in `pre` and `code` too),
 * and the `title`, `aria-label` and `placeholder` of every element, each marked with the copied code it is part of.
 * Written as a string: the test runner's transform would otherwise add helpers the page does not have.
 */
const READABLE_TEXTS = `(() => {
  const copiedCode = (element) => {
    const summary = element.closest('details')?.querySelector(':scope > summary')?.textContent?.trim();
    if (element.closest('pre') && summary === 'What to post') return 'example post';
    if (element.closest('code[aria-label="Secret"]')) return 'secret';
    const label = element.closest('label');
    if (element.closest('textarea[readonly]') && label && label.textContent.trim().startsWith('CSV (copy it into a spreadsheet)')) return 'audit CSV';
    return null;
  };
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (parent === null || parent.closest('script, style') || parent.getClientRects().length === 0) continue;
    const text = (node.textContent || '').trim();
    if (text) texts.push({ text, copied: copiedCode(parent) });
  }
  for (const element of Array.from(document.querySelectorAll('[title], [aria-label], [placeholder], title'))) {
    for (const name of ['title', 'aria-label', 'placeholder']) {
      const value = element.getAttribute(name);
      if (value) texts.push({ text: value, copied: null });
    }
    if (element.tagName.toLowerCase() === 'title' && element.closest('svg')) texts.push({ text: element.textContent || '', copied: null });
  }
  return texts;
})()`;

/** What reads as code in a frame, copied code judged by what it may hold (`COPIED_CODE`). */
export const codeLikeTextIn = async (frame: Frame): Promise<string[]> =>
  (await frame.evaluate<ReadableText[]>(READABLE_TEXTS)).flatMap(({ text, copied }) => {
    const allows = copied === null ? [] : (COPIED_CODE[copied] ?? []);
    return allows === 'all' ? [] : codeLikeTextAllowing(text, allows);
  });

/**
 * Where a frame does not fit its width: the page scrolls sideways, an element ends past the right
 * edge, a box clips or scrolls its content sideways (a form control's own text excepted: it
 * scrolls as it is typed), or an issue key breaks across lines ("MKT-/152").
 */
const OVERFLOW = `(() => {
  const problems = [];
  const width = document.documentElement.clientWidth;
  const name = (element) => element.tagName.toLowerCase() + (typeof element.className === 'string' && element.className.trim() ? '.' + element.className.trim().split(/\\s+/)[0] : '') + ' "' + (element.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 50) + '"';
  if (document.documentElement.scrollWidth > width + 1) problems.push('the page scrolls sideways: ' + document.documentElement.scrollWidth + ' px of content in ' + width + ' px');
  for (const element of Array.from(document.body.querySelectorAll('*'))) {
    const style = getComputedStyle(element);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    const box = element.getBoundingClientRect();
    // Visually hidden text (1 px, clipped) is read by screen readers, not laid out.
    if (box.width <= 1 || box.height <= 1) continue;
    if (box.right > width + 1) problems.push(name(element) + ' ends at ' + Math.round(box.right) + ' px');
    const control = ['input', 'textarea', 'select'].includes(element.tagName.toLowerCase());
    if (!control && style.overflowX !== 'visible' && element.scrollWidth > element.clientWidth + 1) problems.push(name(element) + ' hides ' + (element.scrollWidth - element.clientWidth) + ' px sideways');
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const match = /\\b[A-Z][A-Z0-9_]+-\\d+\\b/.exec(node.textContent || '');
    if (!match) continue;
    const range = document.createRange();
    range.setStart(node, match.index);
    range.setEnd(node, match.index + match[0].length);
    const lines = new Set(Array.from(range.getClientRects()).filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top)));
    if (lines.size > 1) problems.push('the key ' + match[0] + ' breaks across ' + lines.size + ' lines');
  }
  return problems;
})()`;

export const overflowProblems = (frame: Frame): Promise<string[]> => frame.evaluate(OVERFLOW);

/**
 * Gives a module's frame `width` CSS pixels, as Jira gives an issue panel the width of the issue view's column or a
 * gadget its dashboard column, opens every disclosure in it (so closed sections are laid out too), and answers the
 * frame's document once it has been laid out at that width.
 */
export const layOutAt = async (page: Page, moduleKey: string, width: number): Promise<Frame> => {
  const frame = await moduleFrame(page, moduleKey);
  await page
    .locator(`iframe[data-module="${moduleKey}"]`)
    .first()
    .evaluate((element, px) => {
      (element as unknown as { style: { width: string } }).style.width = `${px}px`;
    }, width);
  await expect.poll(() => frame.evaluate('document.documentElement.clientWidth')).toBe(width);
  // Two animation frames: layout after the width change and the disclosures opening.
  await frame.evaluate(`(async () => {
    for (const details of document.querySelectorAll('details')) details.open = true;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  })()`);
  return frame;
};
