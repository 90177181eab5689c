// GET /branding/logos/{sha256}.{png|jpg|webp}: a merchant's logo, named by its content, so cached for a year.

import { brandLogoFileName } from "@/lib/branding/brand-logo";
import { getBrandLogo } from "@/lib/branding/branding";
import { db } from "@/lib/db/client";

const notFound = () => new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain" } });

export const GET = async (_request: Request, { params }: { params: Promise<{ file: string }> }) => {
  const { file } = await params;
  const sha256 = /^([0-9a-f]{64})\.(png|jpg|webp)$/.exec(file)?.[1];
  const logo = sha256 ? await getBrandLogo(db(), sha256) : undefined;
  if (!sha256 || !logo || brandLogoFileName({ sha256, contentType: logo.contentType }) !== file) return notFound();
  return new Response(new Uint8Array(logo.bytes), {
    headers: {
      "Content-Type": logo.contentType,
      "Cache-Control": "public, max-age=31536000, immutable",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
};
