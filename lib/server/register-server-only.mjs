// `node --import ./lib/server/register-server-only.mjs …`: see server-only-hooks.mjs.
import { register } from "node:module";

register("./server-only-hooks.mjs", import.meta.url);
