/** JQL's string literal: the text in double quotes, its quotes and backslashes escaped. */
export const jqlString = (text: string): string => `"${text.replace(/["\\]/g, (character) => `\\${character}`)}"`;
