import { describe, expect, it } from 'vitest';
import { adfToText } from '../../src/contracts/jira-issue-facts';
import { DEFAULT_CONFIG } from '../../src/domain/app-config';
import { scanCopy } from '../../src/domain/lexicon-scan';

const paragraph = (...content: unknown[]) => ({ type: 'paragraph', content });
const text = (value: string) => ({ type: 'text', text: value });

describe('a description in Atlassian Document Format, as the lexicon scan reads it', () => {
  // Each node below shows its words in Jira's issue view without a text node of its own
  // (developer.atlassian.com/cloud/jira/platform/apis/document/nodes/).
  const description = {
    type: 'doc',
    version: 1,
    content: [
      paragraph(text('Plan: '), { type: 'status', attrs: { text: '100% GUARANTEED', color: 'green', localId: 'a' } }),
      paragraph({ type: 'mention', attrs: { id: 'acc-1', text: '@Risk-free returns' } }),
      paragraph({ type: 'emoji', attrs: { shortName: ':pill:', text: 'Cure' } }, { type: 'emoji', attrs: { shortName: ':cure:' } }),
      { type: 'expand', attrs: { title: 'Clinically proven, no side effects' }, content: [paragraph(text('Details'))] },
      paragraph({ type: 'inlineCard', attrs: { url: 'https://example.com/best-in-class' } }),
      {
        type: 'mediaSingle',
        content: [{ type: 'media', attrs: { type: 'external', url: 'https://example.com/x.png', alt: 'Guaranteed results' } }],
      },
    ],
  };

  it('keeps what status lozenges, mentions, emoji and expand titles show, and no card address or alt text', () => {
    expect(adfToText(description).split('\n')).toEqual([
      'Plan: 100% GUARANTEED',
      '@Risk-free returns',
      'Cure:cure:',
      'Clinically proven, no side effects',
      'Details',
      '',
      '',
    ]);
  });

  it('so the scan finds the claims written there', () => {
    expect(scanCopy('description', adfToText(description), DEFAULT_CONFIG.lexicon).map((hit) => hit.matched)).toEqual([
      '100%',
      'GUARANTEED',
      'Risk-free',
      'Cure',
      'cure',
      'Clinically proven',
      'no side effects',
    ]);
  });

  it('never runs two blocks together: paragraphs of one list item or table cell stand on lines of their own', () => {
    const listItem = {
      type: 'bulletList',
      content: [{ type: 'listItem', content: [paragraph(text('Our promise')), paragraph(text('Guaranteed results'))] }],
    };
    const cell = {
      type: 'table',
      content: [{ type: 'tableRow', content: [{ type: 'tableCell', content: [paragraph(text('Delivery')), paragraph(text('free'))] }] }],
    };
    const scan = (doc: unknown) =>
      scanCopy('description', adfToText({ type: 'doc', content: [doc] }), DEFAULT_CONFIG.lexicon).map((hit) => hit.matched);
    expect(adfToText(listItem)).toBe('Our promise\nGuaranteed results');
    expect(scan(listItem)).toEqual(['Guaranteed']);
    expect(scan(cell)).toEqual(['free']);
    // Nor are two blocks read as one word.
    expect(scan({ type: 'blockquote', content: [paragraph(text('guaran')), paragraph(text('teed'))] })).toEqual([]);
  });

  it('lets no link address or alt text clear a claim as its exempting phrase would', () => {
    const doc = {
      type: 'doc',
      content: [
        paragraph(text('Free delivery '), { type: 'inlineCard', attrs: { url: 'https://example.com/terms-apply' } }),
        {
          type: 'mediaSingle',
          content: [{ type: 'media', attrs: { type: 'external', url: 'https://example.com/x.png', alt: 'terms apply' } }],
        },
      ],
    };
    expect(scanCopy('description', adfToText(doc), DEFAULT_CONFIG.lexicon).map((hit) => hit.matched)).toEqual(['Free']);
  });

  it('reads nodes it does not know by their content, and attributes of the wrong type as nothing', () => {
    expect(
      adfToText({
        type: 'doc',
        content: [
          { type: 'futureNode', content: [text('new')] },
          { type: 'status', attrs: { text: 5 } },
        ],
      }),
    ).toBe('new\n');
  });
});
