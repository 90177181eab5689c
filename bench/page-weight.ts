import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import playwrightConfig from "../playwright.config";
import type { HostedPage } from "./dialects";

// First-load JavaScript of a page: every script the browser fetches until the
// network is idle, each gzipped here (level 9, as `next build` used to report
// it), so the number does not depend on whether a proxy compresses.

export type PageWeight = { name: string; path: string; scripts: number; jsBytes: number; jsGzipBytes: number };

export const measurePageWeights = async (baseUrl: string, pages: HostedPage[]): Promise<PageWeight[]> => {
  const browser = await chromium.launch(playwrightConfig.use?.launchOptions);
  try {
    const weights: PageWeight[] = [];
    for (const { name, path } of pages) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const scripts = new Map<string, Promise<Buffer>>();
      page.on("response", (response) => {
        if (response.request().resourceType() === "script" && !scripts.has(response.url()))
          scripts.set(response.url(), response.body());
      });
      const response = await page.goto(`${baseUrl}${path}`, { waitUntil: "networkidle" });
      if (response?.status() !== 200) throw new Error(`${name} (${path}) answered ${response?.status()}`);
      const bodies = await Promise.all(scripts.values());
      weights.push({
        name,
        path,
        scripts: bodies.length,
        jsBytes: bodies.reduce((sum, body) => sum + body.length, 0),
        jsGzipBytes: bodies.reduce((sum, body) => sum + gzipSync(body, { level: 9 }).length, 0),
      });
      await context.close();
    }
    return weights;
  } finally {
    await browser.close();
  }
};
