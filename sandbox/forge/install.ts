import Module from 'node:module';
import path from 'node:path';

/**
 * Points the app's `@forge/api`, `@forge/kvs` and `@forge/events` imports at the sandbox's
 * stand-ins, so the app's own handler code runs unchanged. `@forge/resolver` is the real package.
 * Must run before the app's modules are loaded.
 */
const STAND_INS: Record<string, string> = {
  '@forge/api': path.join(__dirname, 'api.ts'),
  '@forge/kvs': path.join(__dirname, 'kvs.ts'),
  '@forge/events': path.join(__dirname, 'events.ts'),
};

/*
 * Why a private Node API: the app is CommonJS run by tsx, on Node 20 (package.json's engines). Node's supported
 * way to redirect a `require`, `module.registerHooks()`, exists only from Node 22.15 / 23.5 (it is undefined on
 * Node 20), and the older `module.register()` hooks run off-thread for ES modules only and are deprecated (DEP0205,
 * https://nodejs.org/api/deprecations.html#DEP0205). `Module._resolveFilename` is what tsx itself patches. Once the
 * project requires Node 22.15+, this becomes a `registerHooks({ resolve })` hook with the same table.
 */
type Resolve = (request: string, parent: { filename?: string | null } | undefined, ...rest: unknown[]) => string;

export const installForgeStandIns = (): void => {
  const moduleWithResolver = Module as unknown as { _resolveFilename: Resolve };
  const original = moduleWithResolver._resolveFilename;
  moduleWithResolver._resolveFilename = function resolve(request, parent, ...rest) {
    const standIn = STAND_INS[request];
    // A stand-in may load the real package it stands in for.
    const fromStandIn = parent?.filename?.startsWith(__dirname) ?? false;
    if (standIn !== undefined && !fromStandIn) return standIn;
    return original.call(this, request, parent, ...rest);
  };
};
