"use client";

import { useEffect } from "react";

export type LavaCheckoutMessage =
  | { type: "lava_checkout_success"; checkoutSessionId: string; connectionId: string }
  | { type: "lava_checkout_cancel"; checkoutSessionId: string };

/**
 * Tells the page that framed the checkout what happened. The target origin is
 * the session's origin_url: Lava's hook does not check who sent a message, so
 * naming the receiver is what keeps the result from anyone else.
 */
export const notifyParent = (parentOrigin: string, message: LavaCheckoutMessage) => {
  if (window.parent !== window) window.parent.postMessage(message, parentOrigin);
};

/** For a completed session reloaded in the frame: the parent hears the result again. */
export function NotifyParentOnLoad({ parentOrigin, message }: { parentOrigin: string; message: LavaCheckoutMessage }) {
  useEffect(() => {
    notifyParent(parentOrigin, message);
  }, [parentOrigin, message]);
  return null;
}
