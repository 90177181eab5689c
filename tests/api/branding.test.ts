import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { before, describe, test } from "node:test";
import { crc32 } from "node:zlib";
import sharp from "sharp";
import { api, seedMerchant, testDb } from "../support/api";
import { seedSessionBody } from "../support/card";

// GET/PATCH /api/v1/branding: the fields, null resetting them, every refusal
// a 400 naming its field with nothing written, the logo checked, encoded again
// and served by its content hash; and the hosted page wearing it.

let apiKey: string;

before(async () => {
  ({ apiKey } = await seedMerchant("Brand Shop"));
});

const patch = (body: unknown) => api("/api/v1/branding", { method: "PATCH", key: apiKey, body });
const dataUrl = (type: string, bytes: Buffer) => `data:${type};base64,${bytes.toString("base64")}`;
/** A valid 1 × 1 PNG whose header then claims 20000 × 20000 (its checksum fixed): a decompression bomb's shape. */
const pixelBomb = async () => {
  const file = Buffer.from(await png(1, 1));
  file.writeUInt32BE(20000, 16);
  file.writeUInt32BE(20000, 20);
  file.writeUInt32BE(crc32(file.subarray(12, 29)), 29);
  return file;
};

const png = (width = 64, height = 32) =>
  sharp({ create: { width, height, channels: 4, background: "#ffcc00" } })
    .png()
    .toBuffer();

describe("branding", () => {
  test("a new merchant has every field at its default (null)", async () => {
    const branding = await api("/api/v1/branding", { key: apiKey });
    assert.equal(branding.status, 200);
    assert.deepEqual(branding.json, {
      object: "branding",
      display_name: null,
      logo: null,
      brand_color: null,
      button_color: null,
      corner_style: null,
      theme: null,
      show_powered_by: null,
      default_locale: null,
    });
    assert.equal((await api("/api/v1/branding")).status, 401);
  });

  test("PATCH sets the fields it names, keeps the others, and null resets one", async () => {
    const set = await patch({
      display_name: "Brand & Co",
      brand_color: "#0a7c3e",
      button_color: "#FFD400",
      corner_style: "pill",
      theme: "dark",
      show_powered_by: false,
      default_locale: "de",
    });
    assert.equal(set.status, 200, set.text);
    assert.equal(set.json.brand_color, "#0A7C3E", "colours are kept in capitals");
    assert.equal(set.json.corner_style, "pill");
    const kept = await patch({ theme: "auto" });
    assert.equal(kept.json.display_name, "Brand & Co");
    assert.equal(kept.json.theme, "auto");
    const reset = await patch({ display_name: null, show_powered_by: null });
    assert.equal(reset.json.display_name, null);
    assert.equal(reset.json.show_powered_by, null);
    assert.equal(reset.json.button_color, "#FFD400");
    assert.deepEqual((await api("/api/v1/branding", { key: apiKey })).json, reset.json);
  });

  test("a logo is checked, encoded again, and served by its content hash for a year", async () => {
    // Metadata that must not survive: a text chunk in the PNG.
    const upload = await sharp(await png())
      .withMetadata({ exif: { IFD0: { Copyright: "secret-exif" } } })
      .png()
      .toBuffer();
    const set = await patch({ logo: dataUrl("image/png", upload) });
    assert.equal(set.status, 200, set.text);
    const url = new URL(set.json.logo);
    assert.match(url.pathname, /^\/branding\/logos\/[0-9a-f]{64}\.png$/);
    const served = await fetch(url);
    assert.equal(served.status, 200);
    assert.equal(served.headers.get("content-type"), "image/png");
    assert.equal(served.headers.get("cache-control"), "public, max-age=31536000, immutable");
    assert.equal(served.headers.get("content-security-policy"), "default-src 'none'; frame-ancestors 'none'");
    assert.equal(served.headers.get("x-content-type-options"), "nosniff");
    const bytes = Buffer.from(await served.arrayBuffer());
    assert.equal(url.pathname.split("/").pop(), `${createHash("sha256").update(bytes).digest("hex")}.png`);
    assert.ok(!bytes.includes("secret-exif"), "the upload's metadata is gone");
    assert.deepEqual(
      await sharp(bytes)
        .metadata()
        .then(({ width, height }) => [width, height]),
      [64, 32],
    );
    assert.equal((await fetch(new URL(url.pathname.replace(".png", ".jpg"), url))).status, 404);
    assert.equal((await fetch(new URL("/branding/logos/../../etc/passwd", url))).status, 404);

    const jpeg = await patch({
      logo: dataUrl(
        "image/jpeg",
        await sharp(await png())
          .jpeg()
          .toBuffer(),
      ),
    });
    assert.match(jpeg.json.logo, /\.jpg$/);
    // The logo it replaced is worn by nobody now: gone, and its URL with it.
    assert.equal((await fetch(url)).status, 404);
    const webp = await patch({
      logo: dataUrl(
        "image/webp",
        await sharp(await png())
          .webp()
          .toBuffer(),
      ),
    });
    assert.match(webp.json.logo, /\.webp$/);
    assert.equal((await patch({ logo: null })).json.logo, null);
    assert.equal((await fetch(webp.json.logo)).status, 404);

    // A big picture is served at a logo's size.
    const big = await patch({ logo: dataUrl("image/png", await png(3000, 1000)) });
    const bigBytes = Buffer.from(await (await fetch(big.json.logo)).arrayBuffer());
    assert.deepEqual(
      await sharp(bigBytes)
        .metadata()
        .then(({ width, height }) => [width, height]),
      [512, 171],
    );
  });

  test("refused with a 400 naming the field, and nothing written", async () => {
    await patch({ logo: null });
    const before = (await api("/api/v1/branding", { key: apiKey })).json;
    // Logos nobody wears (other tests' logos, which may come and go meanwhile, are worn).
    const unworn = () => testDb().brandLogo.count({ where: { merchants: { none: {} } } });
    const logosBefore = await unworn();
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const realPng = await png();
    const cases: [string, unknown, string][] = [
      ["logo", dataUrl("image/svg+xml", svg), "an SVG with a script"],
      ["logo", dataUrl("image/png", svg), "an SVG that says it is a PNG"],
      [
        "logo",
        dataUrl("image/png", Buffer.concat([realPng.subarray(0, 16), Buffer.alloc(4000, 0x41)])),
        "a PNG header on garbage",
      ],
      ["logo", dataUrl("image/png", realPng.subarray(0, realPng.length - 40)), "a truncated PNG"],
      ["logo", dataUrl("image/jpeg", realPng), "a PNG that says it is a JPEG"],
      ["logo", dataUrl("image/gif", Buffer.from("GIF89a")), "a GIF"],
      ["logo", "https://evil.example.com/logo.png", "a URL instead of the file"],
      ["logo", dataUrl("image/png", Buffer.alloc(600 * 1024, 1)), "over 512 KB"],
      ["brand_color", "red", "a colour name"],
      ["button_color", "#FFF", "a short colour"],
      ["brand_color", "#12345G", "not hex"],
      ["corner_style", "round", "an unknown corner style"],
      ["theme", "sepia", "an unknown theme"],
      ["show_powered_by", "no", "not a boolean"],
      ["logo", dataUrl("image/png", await pixelBomb()), "a small PNG that declares 20000 × 20000 pixels"],
      ["display_name", "", "an empty name"],
      ["display_name", "Shop\u202Eevil", "a name with a bidi override"],
      ["default_locale", "Deutsch", "not a locale"],
      ["font", "Comic Sans", "an unknown field"],
    ];
    for (const [param, value, what] of cases) {
      const refused = await patch({ theme: "light", [param]: value });
      assert.equal(refused.status, 400, `${what}: ${refused.text}`);
      assert.equal(refused.json.error.param, param, what);
      assert.match(refused.json.error.message, new RegExp(`^${param}`), what);
    }
    assert.deepEqual((await api("/api/v1/branding", { key: apiKey })).json, before);
    assert.equal(await unworn(), logosBefore, "no logo row written");
  });

  test("a body too big for any logo is refused as the logo's, even with no logo in it", async () => {
    const padded = await patch({ font: "x".repeat(900 * 1024) });
    assert.equal(padded.status, 400);
    assert.equal(padded.json.error.param, "logo");
  });

  test("a 20 MB upload is refused as the logo's, before it is read whole", async () => {
    const huge = dataUrl("image/png", Buffer.alloc(20 * 1024 * 1024, 1));
    const refused = await patch({ logo: huge });
    assert.equal(refused.status, 400);
    assert.equal(refused.json.error.param, "logo");
    assert.match(refused.json.error.message, /512 KB/);
  });

  test("the hosted page wears the name, logo and colours; text on them reads", async () => {
    await patch({
      display_name: "Brand & Co",
      logo: dataUrl("image/png", await png()),
      brand_color: "#FFD400",
      button_color: "#1F4FD1",
      corner_style: "square",
      theme: "light",
      show_powered_by: false,
    });
    const created = await api("/api/v1/sessions", {
      method: "POST",
      key: apiKey,
      headers: { "Idempotency-Key": crypto.randomUUID() },
      body: seedSessionBody(),
    });
    const page = await api(new URL(created.json.checkoutUrl).pathname);
    assert.match(page.text, /Brand &amp; Co/);
    assert.match(page.text, /background-color:#FFD400;color:#000000/, "black on yellow");
    assert.match(page.text, /--tp-button:#1F4FD1;--tp-button-text:#FFFFFF/, "white on blue");
    assert.match(page.text, /--tp-radius-control:0/);
    assert.match(page.text, /src="[^"]*\/branding\/logos\/[0-9a-f]{64}\.png"/);
    // Shown nowhere on the page (the catalog the browser gets still holds the words).
    assert.doesNotMatch(page.text, />Secure checkout by Tillpoint</);
  });
});
