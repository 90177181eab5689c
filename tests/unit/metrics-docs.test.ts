import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { metrics } from "@/lib/metrics";
import { PROJECT_ROOT } from "@/tests/support/server";

// The Grafana dashboard, the alert rules and the README's table name only
// metrics /metrics really has: renaming one without them fails here.

const HISTOGRAM_SUFFIXES = ["_bucket", "_sum", "_count"];

const served = async () => {
  const names = new Set<string>();
  for (const metric of await metrics.registry.getMetricsAsJSON()) {
    names.add(metric.name);
    if (String(metric.type) === "histogram")
      for (const suffix of HISTOGRAM_SUFFIXES) names.add(`${metric.name}${suffix}`);
  }
  return names;
};

const namedIn = (file: string) =>
  new Set(fs.readFileSync(path.join(PROJECT_ROOT, file), "utf8").match(/\btillpoint_[a-z0-9_]+[a-z0-9]\b/g) ?? []);

describe("what the operator's files name", () => {
  for (const file of ["docs/grafana-dashboard.json", "docs/prometheus-alerts.yml"]) {
    test(`${file} names metrics that exist`, async () => {
      const names = await served();
      const missing = [...namedIn(file)].filter((name) => !names.has(name));
      assert.deepEqual(missing, []);
      assert.ok(namedIn(file).size >= 6, "it names the metrics");
    });
  }

  test("the README's table lists every metric of ours", async () => {
    const readme = fs.readFileSync(path.join(PROJECT_ROOT, "README.md"), "utf8");
    const ours = (await metrics.registry.getMetricsAsJSON())
      .map((metric) => metric.name)
      .filter((name) => !/^tillpoint_(process|nodejs)_/.test(name));
    assert.ok(ours.length >= 11);
    for (const name of ours) assert.ok(readme.includes(`\`${name}\``), `${name} is in the README`);
  });

  test("the dashboard is importable JSON with a panel per query", () => {
    const dashboard = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "docs/grafana-dashboard.json"), "utf8"));
    assert.equal(dashboard.uid, "tillpoint");
    assert.ok(dashboard.panels.length >= 10);
    for (const panel of dashboard.panels) assert.ok(panel.targets.length >= 1, panel.title);
  });
});
