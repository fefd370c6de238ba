/**
 * A comment from the app in Atlassian Document Format: "Flight Plan:", a mention of the person it
 * is for (who Jira then notifies), and the sentence.
 */
export const mentionComment = (to: string | null, text: string) => ({
  type: 'doc',
  version: 1,
  content: [
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Flight Plan: ', marks: [{ type: 'strong' }] },
        ...(to ? [{ type: 'mention', attrs: { id: to } }, { type: 'text', text: ' ' }] : []),
        { type: 'text', text },
      ],
    },
  ],
});
