/** Moves the shell to another page without a reload, as Jira's own links do. */
export const navigate = (path: string): void => {
  window.history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
};
