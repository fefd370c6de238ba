/**
 * A comment from the app in Atlassian Document Format: "Flight Plan:", a mention of each person it
 * is for (whom Jira then notifies), and the sentence.
 */
export const mentionComment = (to: string | null | readonly string[], text: string) => ({
  type: 'doc',
  version: 1,
  content: [
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Flight Plan: ', marks: [{ type: 'strong' }] },
        ...(typeof to === 'string' ? [to] : (to ?? [])).flatMap((id) => [
          { type: 'mention', attrs: { id } },
          { type: 'text', text: ' ' },
        ]),
        { type: 'text', text },
      ],
    },
  ],
});

/** Plain text as Atlassian Document Format: one paragraph per line, so Jira keeps the lines apart. */
export const plainDocument = (text: string) => ({
  type: 'doc',
  version: 1,
  content: text
    .split('\n')
    .map((line) => (line === '' ? { type: 'paragraph', content: [] } : { type: 'paragraph', content: [{ type: 'text', text: line }] })),
});
