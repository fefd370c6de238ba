import type { Frame, Page } from 'playwright-core';

/** The document of a Custom UI module's frame on the page (its first, when the module shows more than once). */
export const moduleFrame = async (page: Page, moduleKey: string): Promise<Frame> => {
  const element = page.locator(`iframe[data-module="${moduleKey}"]`).first();
  await element.waitFor({ timeout: 20_000 });
  const frame = await (await element.elementHandle()).contentFrame();
  if (!frame) throw new Error(`the ${moduleKey} frame has no document`);
  return frame;
};
