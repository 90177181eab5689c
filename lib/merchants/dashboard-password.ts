import "server-only";
import { hash, verify } from "@node-rs/argon2";

// Dashboard passwords are hashed with argon2id (the PHC string keeps its
// parameters: the library's defaults, OWASP's m=19 MiB, t=2, p=1), off the
// event loop in libuv's thread pool. better-auth calls these to verify a
// sign-in and to change a password; creating a user calls hashPassword.

export const hashPassword = (password: string) => hash(password);

export const verifyPassword = async ({ hash: stored, password }: { hash: string; password: string }) => {
  try {
    return await verify(stored, password);
  } catch {
    return false; // not an argon2 hash: no password matches it
  }
};
