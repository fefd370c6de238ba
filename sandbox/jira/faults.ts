/**
 * Failures a test can ask the sandbox's Jira for, to hold the app to what a real site does on a
 * bad day. Nothing here is reachable from the shell or the HTTP server: tests set it on the site.
 */

/** What the transport sees when Jira applied a request but its answer never came: the call fails. */
export class JiraDidNotAnswer extends Error {
  constructor(what: string) {
    super(`${what}: Jira applied the request, but its answer did not arrive in time`);
    this.name = 'JiraDidNotAnswer';
  }
}

export class SiteFaults {
  private readonly unanswered: ((method: string, pathname: string) => boolean)[] = [];

  /** How many polls of `GET /task/{id}` a workflow scheme switch takes to finish ("a poll or two"). */
  switchTaskPolls = 2;

  /** When set, the next workflow scheme switch task fails with this message and changes nothing. */
  switchTaskFailure: string | null = null;

  /** The next request matching `test` is applied, and then its caller sees a timeout instead of the answer. */
  applyThenTimeOut(test: (method: string, pathname: string) => boolean): void {
    this.unanswered.push(test);
  }

  /** Whether this applied request's answer is lost (each armed fault fires once). */
  loseAnswer(method: string, pathname: string): boolean {
    const index = this.unanswered.findIndex((test) => test(method, pathname));
    if (index < 0) return false;
    this.unanswered.splice(index, 1);
    return true;
  }
}
