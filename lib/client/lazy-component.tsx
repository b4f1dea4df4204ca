import { lazy, Suspense, type ComponentType } from "react";

/**
 * A component whose code loads the first time it renders, in its own Suspense boundary that shows
 * nothing meanwhile. React's own `lazy`, not next/dynamic: that one adds its chunk-preloading
 * machinery to every page's first load, and these components are shown rarely. A server-rendered
 * one keeps its server HTML until its code has come and it hydrates.
 */
export function lazyComponent<Props extends object>(load: () => Promise<ComponentType<Props>>): ComponentType<Props> {
  const Lazy = lazy(async () => ({ default: await load() }));
  function LazyComponent(props: Props) {
    return (
      <Suspense fallback={null}>
        <Lazy {...props} />
      </Suspense>
    );
  }
  return LazyComponent;
}
