import { parseArgs } from "node:util";
import { DataDirInUseError } from "@/lib/db/data-dir-lock";
import { MigrationError } from "@/lib/db/migrations";
import { EnvError } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import { runBrandingCommand } from "./branding-commands";
import { runCryptoCommand } from "./crypto-commands";
import { runDbCommand } from "./db-commands";
import { runKeyCommand } from "./key-commands";
import { runListenCommand } from "./listen-command";
import { runMerchantCommand } from "./merchant-commands";
import { UsageError } from "./output";
import { runUserCommand } from "./user-commands";
import { runBundleCommand, runMeterCommand, runPlanCommand } from "./wallet-commands";
import { runWebhookCommand } from "./webhook-commands";

const USAGE = `Usage: tillpoint <command> [options]

  start                                   start the server (npm start)
  dev                                     start the server in development mode
  merchant create --name <name> [--json]  create a merchant and its first test key
  merchant list [--json]
  key create --merchant <id> [--mode test|live] [--name <label>] [--json]
  key list --merchant <id> [--json]
  key revoke <key_id> [--json]
  plan create --merchant <id> --name <name> --price <10.00> [--included-credit <10.00>]
              [--interval day|week|month|year] [--meters <mtr_id,mtr_id…>] [--mode test|live] [--json]
  plan update <sc_id> [--name …] [--price …] [--included-credit …] [--interval …] [--meters …|none] [--json]
  plan list --merchant <id> [--mode test|live] [--json]
  bundle create --plan <sc_id> --name <name> --cost <5.00> --credit <5.00> [--json]
  bundle update <cb_id> [--name …] [--cost …] [--credit …] [--json]
  bundle list --merchant <id> [--mode test|live] [--json]
  meter create --merchant <id> --slug <slug> --name <name> --tiers '[{"start":0,"rate":"2.50","type":"tokens_1m"}]'
               [--rate-type fixed|percentage] [--token-basis input+output|output]
               [--base-cost-payer wallet|merchant] [--service-charge-payer wallet|merchant] [--mode test|live] [--json]
  meter update <mtr_id> [--slug …] [--name …] [--tiers …] [--rate-type …] [--token-basis …] [… payers] [--json]
  meter list --merchant <id> [--mode test|live] [--json]
  crypto set-xpub --merchant <id> --xpub <xpub…> [--mode test|live] [--json]
  crypto show --merchant <id> [--mode test|live] [--json]
  webhook create --merchant <id> --url <https://…> [--events <type,type…>] [--description <text>]
                 [--mode test|live] [--json]
  webhook list --merchant <id> [--mode test|live] [--json]
  webhook rotate-secret <whep_id> --merchant <id> [--mode test|live] [--json]
  webhook delete <whep_id> --merchant <id> [--mode test|live] [--json]
  user create --merchant <id> --email <a@b.c> [--role owner|viewer] [--json]   (password on stdin)
  user list --merchant <id> [--json]
  branding show --merchant <id> [--json]
  branding set --merchant <id> [--display-name <text>] [--logo <file.png|jpg|webp>] [--brand-color <#RRGGBB>]
               [--button-color <#RRGGBB>] [--corner-style rounded|square|pill] [--theme light|dark|auto]
               [--show-powered-by true|false] [--default-locale <de>] [--json]   ("none" resets a field)
  listen --forward-to <http://localhost:3000/hooks> [--events <type,type…>] [--api-key <sk_…>]
         [--api-base <http://localhost:3000>] [--state <file>]
                                          forward the key's events to a local URL, signed (like stripe listen)
  db migrate | db status | db new <name> | db seed

The CLI talks to the database directly, whether or not the server is running;
listen talks to the server's API (key from --api-key or TILLPOINT_API_KEY).
Configuration comes from the environment (PORT, PUBLIC_BASE_URL, DATABASE_URL, DATA_DIR).`;

const main = async (argv: string[]) => {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: "string" },
      merchant: { type: "string" },
      mode: { type: "string" },
      price: { type: "string" },
      "included-credit": { type: "string" },
      interval: { type: "string" },
      plan: { type: "string" },
      cost: { type: "string" },
      credit: { type: "string" },
      meters: { type: "string" },
      slug: { type: "string" },
      tiers: { type: "string" },
      "rate-type": { type: "string" },
      "token-basis": { type: "string" },
      "base-cost-payer": { type: "string" },
      "service-charge-payer": { type: "string" },
      xpub: { type: "string" },
      url: { type: "string" },
      events: { type: "string" },
      description: { type: "string" },
      email: { type: "string" },
      role: { type: "string" },
      "display-name": { type: "string" },
      logo: { type: "string" },
      "brand-color": { type: "string" },
      "button-color": { type: "string" },
      "corner-style": { type: "string" },
      theme: { type: "string" },
      "show-powered-by": { type: "string" },
      "default-locale": { type: "string" },
      "forward-to": { type: "string" },
      "api-key": { type: "string" },
      "api-base": { type: "string" },
      state: { type: "string" },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command || command === "help") {
    console.log(USAGE);
    return;
  }
  switch (command) {
    case "start":
    case "dev": {
      const { startServer } = await import("@/lib/server/start-server");
      return startServer({ dev: command === "dev" });
    }
    case "merchant":
      return runMerchantCommand(rest, values);
    case "key":
      return runKeyCommand(rest, values);
    case "plan":
      return runPlanCommand(rest, values);
    case "bundle":
      return runBundleCommand(rest, values);
    case "meter":
      return runMeterCommand(rest, values);
    case "crypto":
      return runCryptoCommand(rest, values);
    case "webhook":
      return runWebhookCommand(rest, values);
    case "user":
      return runUserCommand(rest, values);
    case "branding":
      return runBrandingCommand(rest, values);
    case "db":
      return runDbCommand(rest);
    case "listen":
      return runListenCommand(values);
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
};

// Errors a person can act on are printed as one message; anything else keeps its stack.
const EXPECTED_ERRORS = [EnvError, DataDirInUseError, MigrationError, DomainError];

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError || (error as { code?: string }).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  console.error(EXPECTED_ERRORS.some((type) => error instanceof type) ? (error as Error).message : error);
  process.exit(1);
});
