import "server-only";
import crypto from "node:crypto";
import { errors, jwtVerify, SignJWT } from "jose";
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import { loadServerSecret } from "@/lib/security/server-secret";
import { cachedApiKey, STORED_API_KEY_SELECT } from "./api-key-cache";
import type { MerchantAuth } from "./authenticate-api-key";

// contract "Conventions shared by every API": the card sessions API also takes a short-lived JWT, which
// `POST /api/v1/auth/token` exchanges for an API key (the original API's "Bearer token
// (JWT)"). HS256 with a key this installation makes for itself on first use
// and keeps in the database, so every instance signs and verifies alike. The
// token names the API key it came from: revoking the key revokes its tokens.

export const AUTH_TOKEN_AUDIENCE = "tillpoint:card-sessions";
export const AUTH_TOKEN_MAX_SECONDS = 3600;
const SIGNING_KEY_NAME = "jwt_signing_key" as const;

/** Three base64url parts: a JWT, as opposed to an `sk_…` API key. */
export const looksLikeJwt = (credential: string) => /^[\w-]+\.[\w-]+\.[\w-]+$/.test(credential);

let cachedKey: Promise<Uint8Array> | undefined;

const loadSigningKey = async (db: Db) => new Uint8Array(await loadServerSecret(db, SIGNING_KEY_NAME));

/** At every start: the key exists, sealed (a plaintext one from an older version is sealed now). */
export const ensureAuthTokenKey = async (db: Db) => {
  await loadSigningKey(db);
};

const signingKey = (db: Db) => {
  cachedKey ??= loadSigningKey(db).catch((error: unknown) => {
    cachedKey = undefined;
    throw error;
  });
  return cachedKey;
};

export const issueAuthToken = async (db: Db, auth: MerchantAuth, expiresIn = AUTH_TOKEN_MAX_SECONDS) => {
  const issuedAt = Math.floor(Date.now() / 1000);
  const expiresAt = issuedAt + expiresIn;
  const token = await new SignJWT({ merchant_id: auth.merchantId, mode: auth.mode })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(auth.apiKeyId)
    .setIssuer(env().publicBaseUrl)
    .setAudience(AUTH_TOKEN_AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .setJti(crypto.randomUUID())
    .sign(await signingKey(db));
  return { token, tokenType: "Bearer", expiresIn, expiresAt: new Date(expiresAt * 1000).toISOString() };
};

export const verifyAuthToken = async (db: Db, token: string): Promise<MerchantAuth> => {
  let claims: Record<string, unknown>;
  try {
    ({ payload: claims } = await jwtVerify(token, await signingKey(db), {
      algorithms: ["HS256"],
      issuer: env().publicBaseUrl,
      audience: AUTH_TOKEN_AUDIENCE,
      requiredClaims: ["sub", "exp", "iat"],
    }));
  } catch (error) {
    const expired = error instanceof errors.JWTExpired;
    throw new DomainError(
      "unauthorized",
      expired ? "This token has expired: get a new one from POST /api/v1/auth/token." : "Invalid token.",
    );
  }
  const id = String(claims.sub);
  const apiKey = await cachedApiKey(`id:${id}`, () =>
    db.apiKey.findUnique({ where: { id }, select: STORED_API_KEY_SELECT }),
  );
  if (!apiKey || apiKey.revokedAt || apiKey.merchantId !== claims.merchant_id || apiKey.mode !== claims.mode) {
    throw new DomainError("unauthorized", "The API key this token was issued for has been revoked.");
  }
  return { merchantId: apiKey.merchantId, mode: apiKey.mode, apiKeyId: apiKey.id };
};
