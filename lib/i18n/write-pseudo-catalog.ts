// `npm run i18n:pseudo`: writes lib/i18n/messages/en-XA.json from the English
// catalog (lib/i18n/pseudo-locale.ts). A unit test fails while it is stale.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import en from "./messages/en.json";
import { pseudoCatalog } from "./pseudo-locale";

const target = fileURLToPath(new URL("./messages/en-XA.json", import.meta.url));
writeFileSync(target, `${JSON.stringify(pseudoCatalog(en), null, 2)}\n`);
console.log(`Wrote ${target}`);
