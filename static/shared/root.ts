/** The element each app renders into: every index.html has `<div id="root">`, so its absence is a defect. */
export const rootElement = (): HTMLElement => {
  const element = document.getElementById('root');
  if (element === null) throw new Error('the page has no element with id "root"');
  return element;
};
