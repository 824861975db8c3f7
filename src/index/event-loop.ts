/** Lets other callbacks (answers, timers) run before going on: a long job on the main thread works in slices. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
