import { createDashboardUser, dashboardUserJson } from "@/lib/merchants/create-dashboard-user";
import { listDashboardUsers } from "@/lib/merchants/list-dashboard-users";
import type { NewDashboardUser } from "@/lib/schemas/dashboard-user";
import { type CliValues, print, requireOption, UsageError, withDb } from "./output";

/**
 * The password comes from standard input, never from the command line (where
 * `ps` and the shell history would keep it): piped, its first line; on a
 * terminal, typed without echo.
 */
const readPassword = async (): Promise<string> => {
  const input = process.stdin;
  if (!input.isTTY) {
    let text = "";
    for await (const chunk of input) text += chunk;
    return text.split(/\r?\n/)[0] ?? "";
  }
  process.stderr.write("Password: ");
  input.setRawMode(true);
  input.setEncoding("utf8");
  return new Promise((resolve, reject) => {
    let typed = "";
    const onData = (key: string) => {
      for (const char of key) {
        if (char === "\r" || char === "\n") {
          input.setRawMode(false);
          input.pause();
          input.off("data", onData);
          process.stderr.write("\n");
          return resolve(typed);
        }
        if (char === "\u0003") return reject(new UsageError("Cancelled."));
        typed = char === "\u007f" ? typed.slice(0, -1) : typed + char;
      }
    };
    input.on("data", onData).resume();
  });
};

export const runUserCommand = async ([action]: string[], values: CliValues) => {
  switch (action) {
    case "create": {
      const merchantId = requireOption(values.merchant, "merchant");
      const email = requireOption(values.email, "email");
      const password = await readPassword();
      const user = await withDb((db) =>
        createDashboardUser(db, merchantId, { email, password, role: values.role as NewDashboardUser["role"] }),
      );
      print(values.json, dashboardUserJson(user), `Created ${user.role} ${user.email} (${user.id}) for ${merchantId}.`);
      return;
    }
    case "list": {
      const merchantId = requireOption(values.merchant, "merchant");
      const users = await withDb((db) => listDashboardUsers(db, merchantId));
      print(
        values.json,
        users.map(dashboardUserJson),
        users.map((user) => `${user.id}  ${user.role.padEnd(6)}  ${user.email}`).join("\n") || "No users.",
      );
      return;
    }
    default:
      throw new UsageError(`Unknown user action "${action ?? ""}".`);
  }
};
