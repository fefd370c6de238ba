import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import { router } from '@forge/bridge';
import { CreateIssueModal } from '@forge/jira-bridge';
import { useCallback, useEffect, useState } from 'react';
import type { NewRequestView, StartedRequest, TemplateOffer } from '../../../src/contracts/views/new-request';
import { APP_UNREACHABLE, LoadFailed } from '../../shared/components';
import { callNewRequest } from './api';
import { asSentence, sentenceCase } from './words';

type Loaded = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; view: NewRequestView };
/** What became of the last template started: the request made from it, or why its Flight Plan did not start. */
type Outcome = { status: 'started'; started: StartedRequest } | { status: 'failed'; title: string; message: string } | null;

/** The Flight Plan did not start, though the request was created: why, and where to start it by hand. */
const notStarted = (why: string): Outcome => ({
  status: 'failed',
  title: "The request's Flight Plan did not start from the template",
  message: `${asSentence(why)} Start it from the template under Plan in the request's Flight Plan panel.`,
});

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** What a template starts the new request's Flight Plan with, in words. */
const startsWith = (template: TemplateOffer): string => {
  const parts = [
    template.assetTypes.length > 0 ? `${count(template.assetTypes.length, 'asset', 'assets')} (${template.assetTypes.join(', ')})` : '',
    template.planItems > 0 ? count(template.planItems, 'plan item', 'plan items') : '',
    template.qaNotes > 0 ? `notes on ${count(template.qaNotes, 'QA check', 'QA checks')}` : '',
  ].filter((part) => part !== '');
  return parts.length === 0 ? 'Starts with an empty plan.' : `Starts with ${parts.join(', ')}.`;
};

/**
 * Asks the app to keep the choice, a second time when it could not be reached the first; null: not reached either time.
 * A first ask that failed may still have been kept, its answer lost: both asks name the press with one id, so the app
 * answers the choice the first kept rather than keeping a second. `crypto.randomUUID`
 * needs a secure context (developer.mozilla.org/en-US/docs/Web/API/Crypto/randomUUID): the Custom UI iframe is served
 * over HTTPS inside Jira's HTTPS page, with `allow-same-origin`
 * (developer.atlassian.com/platform/forge/custom-ui/iframe), and the sandbox's on localhost, which browsers count as one.
 */
const keepChoice = (templateId: string) => {
  const pressId = crypto.randomUUID();
  const choose = () => callNewRequest('templates/choose', { templateId, pressId });
  return choose()
    .catch(choose)
    .catch(() => null);
};

/**
 * `jira:projectPage` "New marketing request": the admin's templates, each opening Jira's own Create dialog pre-filled
 * (`CreateIssueModal`). Once the dialog closes with a new request, its Flight Plan starts from the template: the
 * dialog can fill Jira fields, not the app's record, so the template's plan, assets and QA notes follow from here.
 */
export const NewRequestPage = () => {
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [opening, setOpening] = useState<string | null>(null);

  const load = useCallback(() => {
    setLoaded({ status: 'loading' });
    callNewRequest('templates/offer')
      .then((answer) =>
        setLoaded(answer.ok ? { status: 'ready', view: answer.data } : { status: 'failed', message: sentenceCase(answer.error.message) }),
      )
      .catch(() => setLoaded({ status: 'failed', message: APP_UNREACHABLE }));
  }, []);
  useEffect(load, [load]);

  const startFrom = async (template: TemplateOffer) => {
    setOutcome(null);
    setOpening(template.id);
    // Kept by the app before the dialog opens: if this page closes before the dialog reports back, the request still
    // starts from the template when Jira tells the app it was created. Not kept, no dialog: one opened anyway made a
    // request only this page could start, and the created-issue trigger, which starts the request of the only choice
    // kept, would start it from another tab's.
    const chosen = await keepChoice(template.id);
    if (chosen === null || !chosen.ok) {
      setOpening(null);
      setOutcome({
        status: 'failed',
        title: "Jira's Create dialog was not opened",
        message:
          chosen === null
            ? 'The app could not be reached, so nothing was opened or created. Try again in a moment.'
            : `${asSentence(chosen.error.message)} Nothing was opened or created.`,
      });
      return;
    }
    // The dialog's close names this dialog's choice, so a dialog open in another tab keeps its own.
    const { chosenAt } = chosen.data;
    const forgetChoice = () => void callNewRequest('templates/forget-choice', { chosenAt }).catch(() => undefined);
    const modal = new CreateIssueModal({
      context: template.createContext,
      // "Called with a list of the issues created": none when the requester cancels.
      onClose: ({ payload }) => {
        setOpening(null);
        if (payload.length === 0) forgetChoice();
        for (const { issueId } of payload) {
          callNewRequest('templates/start-created', { issueId, templateId: template.id, chosenAt })
            .then((answer) => setOutcome(answer.ok ? { status: 'started', started: answer.data } : notStarted(answer.error.message)))
            .catch(() => setOutcome(notStarted('the request was created, but the app could not be reached to start its Flight Plan')));
        }
      },
    });
    try {
      await modal.open();
    } catch {
      setOpening(null);
      forgetChoice();
      setOutcome({
        status: 'failed',
        title: "Jira's Create dialog did not open",
        message: "Nothing was created. Use Create in Jira's top bar, then start the request's Flight Plan from the template in its panel.",
      });
    }
  };

  if (loaded.status === 'loading')
    return (
      <p className="fp-muted" role="status">
        Loading the templates…
      </p>
    );
  if (loaded.status === 'failed') return <LoadFailed title="The templates could not be loaded" message={loaded.message} onRetry={load} />;
  const { view } = loaded;
  return (
    <main className="fp-new-request">
      <h1>New marketing request in {view.projectName}</h1>
      {outcome?.status === 'started' && (
        <SectionMessage appearance="success" title={`${outcome.started.key} was created`}>
          <p>
            Its Flight Plan starts from “{outcome.started.templateName}”.{' '}
            <a
              href={`/browse/${outcome.started.key}`}
              onClick={(event) => (event.preventDefault(), void router.navigate(`/browse/${outcome.started.key}`))}
            >
              Open {outcome.started.key}
            </a>
          </p>
        </SectionMessage>
      )}
      {outcome?.status === 'failed' && (
        <SectionMessage appearance="warning" title={outcome.title}>
          <p>{outcome.message}</p>
        </SectionMessage>
      )}
      {!view.setUp ? (
        <p>This project is not set up for marketing requests yet: a Jira admin sets it up from the Flight Plan admin page.</p>
      ) : view.templates.length === 0 ? (
        <p>
          There are no templates yet. A finished request becomes one from its Flight Plan panel (Save as template); until then, use Create
          in Jira&apos;s top bar.
        </p>
      ) : (
        <>
          <p className="fp-muted">
            Pick what your request is like. Jira&apos;s Create dialog opens with its name and success metric; write your own business
            context, and the request&apos;s plan, assets and QA notes start from the template.
          </p>
          <ul className="fp-template-list" aria-label="Templates">
            {view.templates.map((template) => (
              <li key={template.id} className="fp-template">
                <h2>{template.name}</h2>
                <p className="fp-muted">From {template.fromKey}.</p>
                {template.why && <p>{template.why}</p>}
                <p>{startsWith(template)}</p>
                {/* The name is in the heading and the button's accessible name: on the button itself a long name was cut off. */}
                <div className="fp-template-start">
                  <Button
                    appearance="primary"
                    aria-label={`Start from this template: ${template.name}`}
                    isDisabled={opening !== null}
                    onClick={() => void startFrom(template)}
                  >
                    Start from this template
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </main>
  );
};
