#!/usr/bin/env node
// The `tillpoint` command (npx tillpoint, npm start). tsx runs the TypeScript
// sources directly, so the CLI and the server launcher need no build step.
import { register } from "tsx/esm/api";
import "../lib/server/register-server-only.mjs";

register();
await import("../lib/cli/main.ts");
