// Any other /v1/… path (the wallet dialect): a JSON 404 in the one error shape, for every method.
import { unknownApiRoute } from "@/lib/api/route";

export const { GET, POST, PUT, PATCH, DELETE } = unknownApiRoute();
