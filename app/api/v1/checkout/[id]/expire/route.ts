// POST /api/v1/checkout/{id}/expire
import { closeCryptoSessionRoute } from "@/lib/api/close-crypto-session-route";

export const { GET, POST, PUT, PATCH, DELETE } = closeCryptoSessionRoute("expired");
