// Module resolution hooks for plain Node processes (the `tillpoint` launcher
// and CLI, the tests, the benchmark). They are the server, so the
// `server-only` marker resolves as it does in Next's server bundles (its
// react-server export, which is empty) instead of throwing. Next bundles the
// app with its own resolution: there a client component that reaches a marked
// module still fails the build.
export const resolve = (specifier, context, nextResolve) =>
  specifier === "server-only"
    ? nextResolve(specifier, { ...context, conditions: [...context.conditions, "react-server"] })
    : nextResolve(specifier, context);
