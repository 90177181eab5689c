import "server-only";
import { APIError } from "better-auth";
import {
  addressGroup,
  CLIENT_ADDRESS_HEADER,
  countFailure,
  failureLimitWait,
  forgetFailures,
  rateLimitKey,
} from "@/lib/api/rate-limit";
import { dashboardEmail } from "@/lib/schemas/dashboard-user";
import { dashboardAuth } from "./auth";

export type SignInResult = { ok: true } | { ok: false; message: string };

const WRONG = "The e-mail or password is not right.";

export const tooMany = (waitMs: number) => {
  const minutes = Math.max(1, Math.ceil(waitMs / 60_000));
  return `Too many attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
};

/**
 * Signs in with e-mail and password, setting the session cookie (through
 * better-auth's nextCookies). Wrong passwords are counted per e-mail and per
 * client address, whether or not the e-mail belongs to anyone: the answers
 * ("not right", "too many attempts") never tell which e-mails exist.
 */
export const signInWithPassword = async (
  input: { email: string; password: string },
  headers: Headers,
): Promise<SignInResult> => {
  const parsed = dashboardEmail.safeParse(input.email);
  if (!parsed.success || !input.password) return { ok: false, message: "Enter your e-mail and password." };
  const email = parsed.data;
  const emailKey = rateLimitKey(email);
  const addressKey = addressGroup(headers.get(CLIENT_ADDRESS_HEADER));
  const wait = Math.max(
    ...(await Promise.all([failureLimitWait("signInEmail", emailKey), failureLimitWait("signInIp", addressKey)])),
  );
  if (wait > 0) return { ok: false, message: tooMany(wait) };

  const auth = await dashboardAuth();
  try {
    await auth.api.signInEmail({ body: { email, password: input.password }, headers });
  } catch (error) {
    if (!(error instanceof APIError) || error.statusCode >= 500) throw error;
    const waitNow = Math.max(
      ...(await Promise.all([countFailure("signInEmail", emailKey), countFailure("signInIp", addressKey)])),
    );
    return { ok: false, message: waitNow > 0 ? tooMany(waitNow) : WRONG };
  }
  await forgetFailures("signInEmail", emailKey);
  return { ok: true };
};
