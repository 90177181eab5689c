import "server-only";
import { APIError } from "better-auth";
import { countFailure, failureLimitWait, forgetFailures, rateLimitKey } from "@/lib/api/rate-limit";
import { dashboardPassword } from "@/lib/schemas/dashboard-user";
import type { ActionState } from "./action";
import { dashboardAuth } from "./auth";
import type { DashboardUser } from "./context";
import { tooMany } from "./sign-in";

/**
 * A signed-in user's new password, given the current one. A wrong current
 * password counts against the same per-e-mail limit as sign-in (it is the
 * same guess). Every other session of the user ends; this browser's stays
 * (a new one would not reach the page drawn after the action, which reads
 * the request's cookie).
 */
export const changeOwnPassword = async (
  user: DashboardUser,
  input: { current: string; next: string; repeat: string },
  headers: Headers,
): Promise<ActionState> => {
  const checked = dashboardPassword.safeParse(input.next);
  if (!checked.success) return { error: checked.error.issues[0].message };
  if (input.next !== input.repeat) return { error: "The new password and its repetition differ." };
  const key = rateLimitKey(user.email);
  const wait = await failureLimitWait("signInEmail", key);
  if (wait > 0) return { error: tooMany(wait) };
  const auth = await dashboardAuth();
  try {
    await auth.api.changePassword({
      body: { currentPassword: input.current, newPassword: checked.data },
      headers,
    });
  } catch (error) {
    if (!(error instanceof APIError) || error.statusCode >= 500) throw error;
    const waitNow = await countFailure("signInEmail", key);
    return { error: waitNow > 0 ? tooMany(waitNow) : "The current password is not right." };
  }
  await forgetFailures("signInEmail", key);
  await auth.api.revokeOtherSessions({ headers });
  return { notice: "Password changed. Every other session of yours has been signed out." };
};
