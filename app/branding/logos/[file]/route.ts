// GET /branding/logos/{sha256}.{png|jpg|webp}: a merchant's logo, named by its content, so cached for a year.
// our HTTP server gives it the APIs' Content-Security-Policy (nothing in it runs); next.config.mjs adds nosniff.
import { brandLogoFileName } from "@/lib/branding/brand-logo";
import { getBrandLogo } from "@/lib/branding/branding";
import { db } from "@/lib/db/client";

const notFound = () => new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain" } });

export const GET = async (_request: Request, { params }: { params: Promise<{ file: string }> }) => {
  const { file } = await params;
  const sha256 = /^([0-9a-f]{64})\.[a-z]+$/.exec(file)?.[1];
  const logo = sha256 ? await getBrandLogo(db(), sha256) : null;
  // The extension must be the one the type is served with: one URL per logo.
  if (!sha256 || !logo || brandLogoFileName({ sha256, contentType: logo.contentType }) !== file) return notFound();
  return new Response(new Uint8Array(logo.bytes), {
    headers: { "Content-Type": logo.contentType, "Cache-Control": "public, max-age=31536000, immutable" },
  });
};
