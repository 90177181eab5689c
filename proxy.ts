import { type NextRequest, NextResponse } from "next/server";
import { REQUEST_ID_HEADER } from "@/lib/api/request-id";
import { newId } from "@/lib/ids";

// Every request (pages, APIs and static files alike: no matcher) gets a fresh
// id, visible to handlers in the request headers and to clients as
// X-Request-Id. A client-sent X-Request-Id is not trusted.
export const proxy = (request: NextRequest) => {
  const requestId = newId("request");
  const headers = new Headers(request.headers);
  headers.set(REQUEST_ID_HEADER, requestId);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("X-Request-Id", requestId);
  return response;
};
