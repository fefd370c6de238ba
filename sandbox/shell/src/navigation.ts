/** Moves the shell to another page without a reload, as Jira's own links do. */
export const navigate = (path: string): void => {
  window.history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
};

/** A link's click: the shell moves without a reload instead of the browser loading the page. */
export const followLink = (event: { preventDefault: () => void }, path: string): void => {
  event.preventDefault();
  navigate(path);
};
