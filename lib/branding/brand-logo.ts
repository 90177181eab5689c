import "server-only";
import { createHash } from "node:crypto";
import sharp, { type OutputInfo } from "sharp";
import { DomainError } from "@/lib/errors";
import { LOGO_FORMATS, type LogoType } from "@/lib/schemas/branding";

// A merchant's logo is shown to every customer, so what we serve is never the
// upload itself: the bytes must start as the type they claim (an SVG, whose
// scripts a browser would run, never reaches a decoder), decode completely
// (a PNG header on garbage, or a truncated file, is refused), stay under a
// pixel budget (no decompression bombs), and are then encoded again at no
// more than a logo's size, which keeps the picture and drops everything else
// (metadata, appended payloads).

const STARTS: Record<LogoType, (bytes: Buffer) => boolean> = {
  "image/png": (bytes) => bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  "image/jpeg": (bytes) => bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff,
  "image/webp": (bytes) => bytes.toString("latin1", 0, 4) === "RIFF" && bytes.toString("latin1", 8, 12) === "WEBP",
};
/** 16 megapixels: far more than a logo needs, far less than a bomb would take. */
const MAX_PIXELS = 4096 * 4096;
/** The header shows a logo 32 px high: 512 px a side serves any screen. */
const MAX_SIDE = 512;

export type BrandLogoFile = { sha256: string; contentType: LogoType; bytes: Buffer; width: number; height: number };

const invalid = (message: string) => new DomainError("parameter_invalid", `logo: ${message}`, { param: "logo" });

export const normalizeBrandLogo = async (upload: { contentType: LogoType; bytes: Buffer }): Promise<BrandLogoFile> => {
  const { name, format: expected } = LOGO_FORMATS[upload.contentType];
  if (!STARTS[upload.contentType](upload.bytes)) throw invalid(`is not a ${name} image: its bytes do not start as one`);
  let encoded: { data: Buffer; info: OutputInfo };
  try {
    const image = sharp(upload.bytes, { failOn: "error", limitInputPixels: MAX_PIXELS, animated: false });
    const { format } = await image.metadata();
    if (format !== expected) throw invalid(`is not a ${name} image`);
    encoded = await image
      .rotate()
      .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: "inside", withoutEnlargement: true })
      .toFormat(expected)
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw invalid(`does not decode as a ${name} image (${(error as Error).message.split("\n")[0]})`);
  }
  return {
    sha256: createHash("sha256").update(encoded.data).digest("hex"),
    contentType: upload.contentType,
    bytes: encoded.data,
    width: encoded.info.width,
    height: encoded.info.height,
  };
};

/** The file name a logo is served under: its content hash and the type's extension. */
export const brandLogoFileName = (logo: { sha256: string; contentType: string }) =>
  `${logo.sha256}.${LOGO_FORMATS[logo.contentType as LogoType]?.extension ?? "bin"}`;
