import "server-only";
/** Runs `task` every `ms` (first at once), never two at once; the returned stop waits for a running task to end. */
export const every = (ms: number, task: () => Promise<void>) => {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const loop = () => {
    running = task().finally(() => {
      if (!stopped) timer = setTimeout(loop, ms).unref();
    });
  };
  timer = setTimeout(loop, 0).unref();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
};
