import { createReadStream, existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { z } from 'zod';
import { buildBundles } from '../scripts/build-ui';
import { loadJiraSpec } from '../scripts/jira-openapi';
import { issueViewModules } from './forge/issue-view';
import { AppHost, readManifest, WEB_TRIGGER_PATH } from './app-host';
import { advanceClock, clockOffsetMs, installSandboxClock, resumeClock } from './clock';
import { DEFAULT_USER, USERS, userById } from './catalogue';
import { demoCrmReport } from './demo-crm';
import { bareDemoSite } from './demo-data';
import { toCalendarDate } from '../src/domain/business-days';
import { HOUR_MS } from '../src/domain/durations';
import { seedDemo } from './seed';
import { JiraSite } from './jira/rest';
import type { RestCaller } from './jira/rest-shapes';
import { SiteStore } from './jira/site-state';
import { present } from '../src/domain/present';

const ROOT = path.resolve(__dirname, '..');
const SHELL_DIST = path.join(ROOT, 'sandbox', 'shell', 'dist');
const MAX_BODY_BYTES = 5 * 1024 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

interface SandboxOptions {
  readonly port: number;
  readonly dataDir: string;
  readonly reset: boolean;
  /** Demo requests to seed a new site with. */
  readonly demoCount?: number;
  /** A new site as Jira starts one, with no project set up and no requests: for trying Set up a project from scratch. */
  readonly bare?: boolean;
  /** Keeps the site as it started, for `POST /sandbox/reset` to go back to (the tests ask for it; `npm start` does not). */
  readonly resettable?: boolean;
}

interface RunningSandbox {
  readonly server: Server;
  readonly url: string;
  readonly seeded: boolean;
  readonly close: () => Promise<void>;
}

const clockSchema = z.object({
  advanceHours: z
    .number()
    .positive()
    .max(24 * 30),
});

/**
 * The scheduled triggers the sandbox runs once when its clock has moved on, not at every simulated hour (Forge runs a
 * trigger with `interval: hour` every hour: developer.atlassian.com/platform/forge/manifest-reference/modules/
 * scheduled-trigger/; the sandbox runs the others so, see the clock route). The metrics
 * refresh stores a view of the site as of its run, which its next run replaces and which no other job reads (the
 * reminders read the records, stage logs and their ledgers), so the last run of a simulated day leaves what a real
 * site's 24 hourly runs would leave. Run every hour, it made "+1 day" take seconds (about 150 ms a run on the demo).
 */
const RUN_ONCE_AFTER_THE_CLOCK_MOVES = new Set(['metrics-refresh-hourly']);

const invokeSchema = z.object({
  functionKey: z.string().min(1),
  payload: z.unknown().optional(),
  moduleKey: z.string().min(1),
  extension: z.record(z.string(), z.unknown()),
});

/** Where the issue view is: the issue and project as Jira puts them in an issue view module's extension context. */
const issueViewSchema = z.object({
  issue: z.object({ id: z.string().min(1), key: z.string().min(1), type: z.string().min(1), typeId: z.string().min(1) }),
  project: z.object({ id: z.string().min(1), key: z.string().min(1), type: z.string().min(1) }),
});

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The request's body as sent, byte for byte (a web trigger's signature is over exactly these). */
const readRawBody = async (request: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'request body over 5 MB');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
};

const readBody = async (request: IncomingMessage): Promise<unknown> => {
  const text = await readRawBody(request);
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'the request body is not valid JSON');
  }
};

const sendJson = (response: ServerResponse, status: number, body?: unknown): void => {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(body === undefined ? undefined : JSON.stringify(body));
};

/** The acting user: the `X-Sandbox-User` header, else the admin, as Jira would know from the session. */
const userOf = (request: IncomingMessage): RestCaller | null => {
  const header = request.headers['x-sandbox-user'];
  const accountId = typeof header === 'string' && header !== '' ? header : DEFAULT_USER.accountId;
  return userById(accountId) ? { kind: 'user', accountId } : null;
};

/** Serves a file under `root`, refusing paths that climb out of it. */
const serveFile = async (
  response: ServerResponse,
  root: string,
  relative: string,
  transform?: (html: string) => string,
): Promise<boolean> => {
  const file = path.resolve(root, `.${path.posix.normalize(`/${relative}`)}`);
  if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) return false;
  const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
  if (transform && type.startsWith('text/html')) {
    response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
    response.end(transform(await readFile(file, 'utf8')));
    return true;
  }
  response.writeHead(200, { 'content-type': type, 'cache-control': 'no-cache' });
  createReadStream(file).pipe(response);
  return true;
};

/** Before the app's own scripts: the `@forge/bridge` host the Custom UI talks to, as in Jira's iframe. */
const withBridge = (html: string): string => html.replace('<head>', '<head><script src="/sandbox/bridge-shim.js"></script>');

const startSandbox = async (options: SandboxOptions): Promise<RunningSandbox> => {
  const scheduledKeys = (readManifest().modules['scheduledTrigger'] ?? []).map((module) => module.key);
  for (const key of RUN_ONCE_AFTER_THE_CLOCK_MOVES)
    if (!scheduledKeys.includes(key))
      throw new Error(`the sandbox runs "${key}" once a clock move, but manifest.yml has no such scheduled trigger`);
  installSandboxClock();
  const { store, seeded } = SiteStore.open(options.dataDir, {
    reset: options.reset,
    seed: bareDemoSite,
  });
  // The clock goes on from the day it was moved to before a restart, as the data from those days did.
  resumeClock(store.data.clockOffsetMs ?? 0);
  const now = (): Date => new Date();
  const host = new AppHost(store, now);
  // Every request is checked against Atlassian's spec (the project's copy in spec/), as Jira would check it.
  const spec = loadJiraSpec();
  const site = new JiraSite(store, {
    now,
    requestProblem: spec.bodyProblem,
    validate: (moduleKey, payload, transitionerId) => host.validate(moduleKey, payload, transitionerId),
    forgeRules: () => host.forgeRules(),
    validateCreate: (moduleKey, ruleConfig, issue, accountId) => host.validateCreate(moduleKey, ruleConfig, issue, accountId),
    deliver: (event) => host.deliver(event),
  });
  host.attach(site, spec.requestScopes);
  if (seeded && options.bare !== true)
    await seedDemo(site, store, { anchor: new Date(), ...(options.demoCount === undefined ? {} : { count: options.demoCount }) });
  host.runScheduled();
  await host.settled();
  // What `POST /sandbox/reset` goes back to: the site as this start left it (tests start each case from it).
  const startState = options.resettable === true ? JSON.stringify(store.data) : null;

  const resources = new Map((readManifest().resources ?? []).map((resource) => [resource.key, path.resolve(ROOT, resource.path)]));

  /**
   * Waits until no other request is being handled and the app's queued work is done: what a reset waits for, so that
   * no request from before it (a closed page's resolver call still running) writes into the restored site.
   */
  const quiet = async (requestsInFlight: () => readonly Promise<void>[]): Promise<void> => {
    for (;;) {
      await Promise.all(requestsInFlight());
      await host.settled();
      if (requestsInFlight().length === 0 && host.idle) return;
    }
  };

  const handle = async (
    request: IncomingMessage,
    response: ServerResponse,
    /** The other requests being handled (resets aside). */
    requestsInFlight: () => readonly Promise<void>[],
  ): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const method = request.method ?? 'GET';
    if (url.pathname.startsWith('/rest/api/3/')) {
      const caller = userOf(request);
      if (caller === null) {
        sendJson(response, 401, { errorMessages: ['Client must be authenticated to access this resource.'], errors: {} });
        return;
      }
      const answer = await site.handle({ method, path: `${url.pathname}${url.search}`, body: await readBody(request), caller });
      sendJson(response, answer.status, answer.body);
      return;
    }
    const webTriggerKey = WEB_TRIGGER_PATH.exec(url.pathname)?.[1];
    if (webTriggerKey !== undefined) {
      // Anyone may call a web trigger's URL, with no session: no X-Sandbox-User here.
      const headers = Object.fromEntries(Object.entries(request.headersDistinct).map(([name, values]) => [name, values ?? []]));
      const reply = await host.webTrigger(decodeURIComponent(webTriggerKey), { method, url, headers, body: await readRawBody(request) });
      if (reply === null) throw new HttpError(404, `the app has no web trigger "${webTriggerKey}"`);
      response.writeHead(reply.statusCode, { 'content-type': reply.contentType, 'cache-control': 'no-store' });
      response.end(reply.body);
      return;
    }
    if (method === 'POST' && url.pathname === '/sandbox/invoke') {
      const caller = userOf(request);
      if (caller === null || caller.kind !== 'user') throw new HttpError(401, 'unknown X-Sandbox-User');
      const parsed = invokeSchema.safeParse(await readBody(request));
      if (!parsed.success) throw new HttpError(400, `bad invoke request: ${parsed.error.issues[0]?.message}`);
      const { functionKey, payload, moduleKey, extension } = parsed.data;
      if (host.resolverOf(moduleKey) === undefined) throw new HttpError(400, `the app has no module "${moduleKey}" with a resolver`);
      sendJson(response, 200, await host.invoke(functionKey, payload ?? {}, { accountId: caller.accountId, moduleKey, extension }));
      return;
    }
    if (method === 'POST' && url.pathname === '/sandbox/issue-view') {
      // The panels and context panels Jira would show on this issue, each context panel's status asked of the app.
      const caller = userOf(request);
      if (caller === null || caller.kind !== 'user') throw new HttpError(401, 'unknown X-Sandbox-User');
      const parsed = issueViewSchema.safeParse(await readBody(request));
      if (!parsed.success) throw new HttpError(400, `bad issue view request: ${parsed.error.issues[0]?.message}`);
      const { issue, project } = parsed.data;
      const place = { issueKey: issue.key, issueId: issue.id, issueType: issue.type, projectKey: project.key, projectId: project.id };
      sendJson(
        response,
        200,
        await issueViewModules(readManifest(), place, parsed.data, (functionKey, payload) =>
          host.run(functionKey, payload, caller.accountId),
        ),
      );
      return;
    }
    if (method === 'POST' && url.pathname === '/sandbox/settle') {
      await host.settled();
      sendJson(response, 204);
      return;
    }
    if (method === 'POST' && url.pathname === '/sandbox/reset') {
      if (startState === null) throw new HttpError(404, 'this sandbox keeps no start to reset to: start it with --resettable');
      await quiet(requestsInFlight);
      store.restore(startState);
      resumeClock(store.data.clockOffsetMs ?? 0);
      sendJson(response, 204);
      return;
    }
    if (method === 'POST' && url.pathname === '/sandbox/clock') {
      // Moves the clock on an hour at a time and runs the hourly jobs at each hour, as a real site runs them: a reminder
      // falls due and is posted within the hour, and a run's cap on comments holds the rest only to the next hour.
      const parsed = clockSchema.safeParse(await readBody(request));
      if (!parsed.success) throw new HttpError(400, `bad clock request: ${parsed.error.issues[0]?.message}`);
      for (let hoursLeft = parsed.data.advanceHours; hoursLeft > 0; hoursLeft -= 1) {
        advanceClock(Math.min(1, hoursLeft) * HOUR_MS);
        store.data.clockOffsetMs = clockOffsetMs();
        store.changed();
        host.runScheduled((triggerKey) => !RUN_ONCE_AFTER_THE_CLOCK_MOVES.has(triggerKey));
        await host.settled();
      }
      host.runScheduled((triggerKey) => RUN_ONCE_AFTER_THE_CLOCK_MOVES.has(triggerKey));
      await host.settled();
      sendJson(response, 200, { now: new Date().toISOString(), offsetHours: clockOffsetMs() / 3_600_000 });
      return;
    }
    if (method === 'GET' && url.pathname === '/sandbox/clock') {
      sendJson(response, 200, { now: new Date().toISOString(), offsetHours: clockOffsetMs() / 3_600_000 });
      return;
    }
    if (method === 'GET' && url.pathname === '/sandbox/demo-crm-report.csv') {
      response.writeHead(200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="demo-crm-report.csv"',
        'cache-control': 'no-store',
      });
      response.end(demoCrmReport(store.data, toCalendarDate(new Date())));
      return;
    }
    if (method === 'GET' && url.pathname === '/sandbox/create-form') {
      const form = site.createForm(url.searchParams.get('project') ?? '', url.searchParams.get('issueType') ?? '');
      if (form === null) throw new HttpError(404, 'no such project or issue type');
      sendJson(response, 200, form);
      return;
    }
    if (method === 'GET' && url.pathname === '/sandbox/users') {
      sendJson(response, 200, USERS);
      return;
    }
    if (method === 'GET' && url.pathname === '/sandbox/manifest') {
      sendJson(response, 200, readManifest().modules);
      return;
    }
    if (method === 'GET' && url.pathname === '/sandbox/bridge-shim.js') {
      if (await serveFile(response, path.join(ROOT, 'sandbox', 'shell'), 'bridge-shim.js')) return;
    }
    const resource = /^\/resources\/([^/]+)\/(.*)$/.exec(url.pathname);
    if (method === 'GET' && resource) {
      const root = resources.get(present(resource[1]));
      if (root && (await serveFile(response, root, resource[2] || 'index.html', withBridge))) return;
      throw new HttpError(404, `no resource file ${url.pathname}; run "npm run build:ui"`);
    }
    if (method === 'GET') {
      if (await serveFile(response, SHELL_DIST, url.pathname === '/' ? 'index.html' : url.pathname)) return;
      // The shell routes in the browser: every other page is the shell.
      if (!url.pathname.includes('.') && (await serveFile(response, SHELL_DIST, 'index.html'))) return;
    }
    throw new HttpError(404, `nothing at ${method} ${url.pathname}`);
  };

  // The requests being handled, resets aside: a reset waits for the others, and two resets would wait on each other.
  const requestsInFlight = new Set<Promise<void>>();
  const server = createServer((request, response) => {
    const handling = handle(request, response, () => [...requestsInFlight]).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      if (status === 500) console.error('sandbox: request failed', error);
      if (!response.headersSent) sendJson(response, status, { message: error instanceof Error ? error.message : String(error) });
      else response.end();
    });
    if (request.url?.startsWith('/sandbox/reset') === true) return;
    requestsInFlight.add(handling);
    void handling.finally(() => requestsInFlight.delete(handling));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  host.serveWebTriggersAt(`http://localhost:${port}`);
  return {
    server,
    url: `http://localhost:${port}`,
    seeded,
    close: async () => {
      await host.settled();
      store.flush();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // A browser's open connections (keep-alive, a request in flight) would otherwise hold the stop until they end.
      server.closeAllConnections();
      await closed;
    },
  };
};

const parseArguments = (argv: readonly string[]): SandboxOptions => {
  const valueOf = (flag: string): string | undefined => {
    const index = argv.indexOf(flag);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const withValue = new Set(['--port', '--data-dir', '--demo-count']);
  const known = new Set(['--reset', '--bare', '--resettable', '--build-changed', ...withValue]);
  for (const [index, argument] of argv.entries()) {
    if (argument.startsWith('--') && !known.has(argument)) throw new Error(`unknown option ${argument} (known: ${[...known].join(', ')})`);
    if (!argument.startsWith('--') && !withValue.has(argv[index - 1] ?? '')) throw new Error(`unexpected argument "${argument}"`);
  }
  const port = Number(valueOf('--port') ?? process.env['PORT'] ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`the port must be a whole number from 0 to 65535, not "${valueOf('--port') ?? process.env['PORT']}"`);
  const demoCount = valueOf('--demo-count');
  return {
    port,
    dataDir: path.resolve(valueOf('--data-dir') ?? path.join(ROOT, '.sandbox-data')),
    reset: argv.includes('--reset'),
    bare: argv.includes('--bare'),
    resettable: argv.includes('--resettable'),
    ...(demoCount === undefined ? {} : { demoCount: Number(demoCount) }),
  };
};

if (require.main === module) {
  const started = performance.now();
  let options: SandboxOptions;
  try {
    options = parseArguments(process.argv.slice(2));
  } catch (error) {
    console.error(`npm start: ${(error as Error).message}`);
    process.exit(2);
  }
  // npm start: the Custom UI bundles whose sources changed since their last build, built in this process's time.
  if (process.argv.includes('--build-changed') && !buildBundles(true)) {
    console.error('npm start: a Custom UI build failed (above)');
    process.exit(1);
  }
  startSandbox(options)
    .then((sandbox) => {
      const fresh = options.bare === true ? 'started as a new site: no project set up, no requests' : 'seeded with demo data';
      console.log(`Flight Plan sandbox ${sandbox.seeded ? fresh : `reopened from ${options.dataDir}`}`);
      console.log(`Serving on ${sandbox.url} (ready in ${Math.round(performance.now() - started)} ms). Ctrl+C stops it.`);
      const stop = (): void => {
        void sandbox.close().then(() => process.exit(0));
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    })
    .catch((error: unknown) => {
      const message =
        (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
          ? `port ${options.port} is in use; set PORT to another port`
          : (error as Error).message;
      console.error(`npm start: ${message}`);
      process.exit(1);
    });
}
