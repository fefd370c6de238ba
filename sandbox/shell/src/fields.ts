import { APP_FIELD_NAMES } from '../../../src/domain/app-fields';
import { jira } from './sandbox-api';

interface JiraField {
  readonly id: string;
  readonly name: string;
  readonly custom: boolean;
}

/** The site's ids of the app's custom fields, found by name as an admin would in Jira's field list. */
export type AppFieldIds = Readonly<Record<keyof typeof APP_FIELD_NAMES, string>>;

const NAMES = APP_FIELD_NAMES;

export const SCORE_FIELDS = ['impact', 'confidence', 'effort', 'risk'] as const;

export const loadAppFieldIds = async (): Promise<AppFieldIds> => {
  const fields = await jira<JiraField[]>('GET', '/field');
  const idOf = (name: string): string => {
    const field = fields.find((candidate) => candidate.custom && candidate.name === name);
    if (!field) throw new Error(`the site has no "${name}" field: is the app installed?`);
    return field.id;
  };
  return Object.fromEntries(Object.entries(NAMES).map(([key, name]) => [key, idOf(name)])) as unknown as AppFieldIds;
};

export const fieldLabel = (key: keyof AppFieldIds): string => NAMES[key];

/** Plain text as Atlassian Document Format, the shape Jira REST v3 wants for rich text. */
export const adf = (text: string) => ({
  type: 'doc',
  version: 1,
  content: text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => ({ type: 'paragraph', content: [{ type: 'text', text: line }] })),
});

/** Plain text of an ADF document; mentions are written by `mention` (the shell knows the names). */
export const adfText = (node: unknown, mention: (accountId: string) => string = (accountId) => `@${accountId}`): string => {
  if (node === null || typeof node !== 'object') return '';
  const { text, content, type, attrs } = node as { text?: string; content?: unknown[]; type?: string; attrs?: { id?: string } };
  if (typeof text === 'string') return text;
  if (type === 'mention') return mention(attrs?.id ?? '');
  const inner = (content ?? []).map((child) => adfText(child, mention));
  return inner.join(type === 'doc' ? '\n' : '');
};
