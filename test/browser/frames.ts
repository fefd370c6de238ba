import type { Frame, FrameLocator, Locator, Page } from 'playwright-core';

/** The document of a Custom UI module's frame on the page (its first, when the module shows more than once). */
export const moduleFrame = async (page: Page, moduleKey: string): Promise<Frame> => {
  const element = page.locator(`iframe[data-module="${moduleKey}"]`).first();
  await element.waitFor({ timeout: 20_000 });
  const frame = await (await element.elementHandle()).contentFrame();
  if (!frame) throw new Error(`the ${moduleKey} frame has no document`);
  return frame;
};

/**
 * What a control's `aria-describedby` points at (its hint, or its error in the hint's place), as a screen reader
 * reads it after the control's label: how the tests find a field's error without knowing the page's classes.
 */
export const describedBy = async (root: FrameLocator | Page, control: Locator): Promise<string> => {
  const ids = (await control.getAttribute('aria-describedby')) ?? '';
  const texts = await Promise.all(
    ids
      .split(/\s+/)
      .filter((id) => id !== '')
      .map((id) => root.locator(`[id="${id}"]`).allInnerTexts()),
  );
  return texts.flat().join(' ');
};
