// Next bundles every route and page on its own, and the custom server (server.ts) bundles the tasks
// route once more, so module-level state would exist once per bundle. State that must be one per
// process (the task cache, per-client rate limits, what we learnt about the gateway) lives on
// globalThis under a registry-wide symbol instead, which every copy of this module finds.

type Registry = Record<symbol, unknown>;

const keyFor = (name: string): symbol => Symbol.for(`luma-gallery.${name}`);

/** The process's one value for `name`, made by `create` the first time any bundle asks. */
export function processSingleton<T>(name: string, create: () => T): T {
  const registry = globalThis as unknown as Registry;
  const key = keyFor(name);
  if (!(key in registry)) registry[key] = create();
  return registry[key] as T;
}

/** Test and benchmark hook: start over with `value`. */
export function replaceProcessSingleton<T>(name: string, value: T): void {
  (globalThis as unknown as Registry)[keyFor(name)] = value;
}
