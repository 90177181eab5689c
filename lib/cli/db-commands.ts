import { createMigration } from "@/lib/db/create-migration";
import { migrationStatus } from "@/lib/db/migrations";
import { ensureDemoMerchant } from "@/lib/merchants/ensure-demo-merchant";
import { openDatabase } from "@/lib/server/open-database";
import { UsageError, withDb } from "./output";

export const runDbCommand = async ([action, name]: string[]) => {
  switch (action) {
    case "migrate": {
      const database = await openDatabase({ owner: "cli", log: console.log });
      await database.close();
      console.log("The database is up to date.");
      return;
    }
    case "status": {
      const database = await openDatabase({ owner: "cli", migrate: false });
      try {
        const status = await migrationStatus(database.url);
        console.log(`Applied: ${status.applied.length ? status.applied.join(", ") : "none"}`);
        console.log(`Pending: ${status.pending.length ? status.pending.join(", ") : "none"}`);
        for (const failed of status.failed) console.log(`FAILED: ${failed.name}\n${failed.logs ?? ""}`);
        for (const modified of status.modified) console.log(`Edited after it was applied: ${modified}`);
        for (const unknown of status.unknown) console.log(`Applied but missing from prisma/migrations: ${unknown}`);
        if (status.failed.length || status.pending.length) process.exitCode = 1;
      } finally {
        await database.close();
      }
      return;
    }
    case "new": {
      if (!name) throw new UsageError("Name the migration: npm run db:new -- <name>.");
      const database = await openDatabase({ owner: "cli", migrate: false });
      try {
        const created = await createMigration(database.url, name);
        console.log(created ? `Created prisma/migrations/${created.name}/migration.sql` : "The schema did not change.");
      } finally {
        await database.close();
      }
      // The wasm engine keeps a timer alive.
      return process.exit(0);
    }
    case "seed": {
      const demo = await withDb((db) => ensureDemoMerchant(db));
      console.log(
        demo
          ? `Created ${demo.merchant.name} (${demo.merchant.id}). Test API key (shown once): ${demo.secret}\nDashboard: sign in as ${demo.owner.email} with password ${demo.owner.password} (shown once)`
          : "The database already has merchants: nothing to seed.",
      );
      return;
    }
    default:
      throw new UsageError(`Unknown db action "${action ?? ""}".`);
  }
};
