import "server-only";
import type { Db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { looksLikeJwt, verifyAuthToken } from "./auth-token";
import { authenticateApiKey, type MerchantAuth } from "./authenticate-api-key";

/** `Authorization: Bearer <API key>`, or `Bearer <JWT>` where the endpoint accepts one. */
export const authenticateMerchant = async (
  db: Db,
  authorization: string | null,
  acceptJwt: boolean,
): Promise<MerchantAuth> => {
  const credential = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1];
  if (credential && looksLikeJwt(credential)) {
    if (!acceptJwt) {
      throw new DomainError("unauthorized", "This endpoint takes an API key; tokens are for the card sessions API.");
    }
    return verifyAuthToken(db, credential);
  }
  return authenticateApiKey(db, authorization);
};
