import type { CommandKey } from './api';
import type { SaveOutcome } from './use-panel';

/**
 * What the panel keeps across a save. A save re-renders the sections from what the server stored (their forms
 * restart from it), which would close every section, drop the "Saved" and send keyboard focus to the page: the
 * sections the person opened, each command's last outcome and where focus was are kept here instead. One panel per
 * frame, so module state is the panel's.
 */
const openSections = new Map<string, boolean>();
const lastOutcomes = new Map<CommandKey, SaveOutcome>();

/** Whether the person left a section open or closed (undefined until they toggle it). */
export const sectionOpen = (title: string): boolean | undefined => openSections.get(title);
export const rememberSectionOpen = (title: string, open: boolean): void => void openSections.set(title, open);

export const rememberedOutcome = (key: CommandKey): SaveOutcome | null => lastOutcomes.get(key) ?? null;
export const rememberOutcome = (key: CommandKey, outcome: SaveOutcome | null): void => {
  if (outcome === null) lastOutcomes.delete(key);
  else lastOutcomes.set(key, outcome);
};

/** Someone else's change was loaded: earlier outcomes no longer describe what is on screen. */
export const forgetSaveOutcomes = (): void => lastOutcomes.clear();

/** Where focus is, as a place that survives a re-render: the section's title and the control's position in it. */
interface FocusPlace {
  readonly section: string;
  readonly index: number;
}

const FOCUSABLE = 'summary, button, input, select, textarea, a[href], [tabindex]:not([tabindex="-1"])';

const sectionOf = (element: Element): HTMLDetailsElement | null => element.closest('details.fp-section');

export const focusPlace = (): FocusPlace | null => {
  const active = document.activeElement;
  const section = active === null ? null : sectionOf(active);
  if (active === null || section === null) return null;
  const title = section.querySelector(':scope > summary h3')?.textContent ?? '';
  return { section: title, index: [...section.querySelectorAll(FOCUSABLE)].indexOf(active) };
};

/** Puts focus back where it was when the re-render dropped it (to the page), or on the nearest control still there. */
export const restoreFocus = (place: FocusPlace | null): void => {
  if (place === null || (document.activeElement !== null && document.activeElement !== document.body)) return;
  const section = [...document.querySelectorAll('details.fp-section')].find(
    (candidate) => candidate.querySelector(':scope > summary h3')?.textContent === place.section,
  );
  if (section === undefined) return;
  const controls = [...section.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((control) => !control.hasAttribute('disabled'));
  (controls[Math.min(place.index, controls.length - 1)] ?? null)?.focus();
};
