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
