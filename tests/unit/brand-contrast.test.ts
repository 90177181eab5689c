import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  BLACK,
  contrastRatio,
  readableTextOn,
  relativeLuminance,
  visibleAgainst,
  WHITE,
} from "@/lib/branding/contrast";

describe("brand colour contrast", () => {
  test("WCAG's figures: black on white is 21:1, a colour on itself 1:1", () => {
    assert.equal(contrastRatio(BLACK, WHITE), 21);
    assert.equal(contrastRatio("#777777", "#777777"), 1);
    assert.equal(relativeLuminance(WHITE), 1);
    // #767676 is the lightest grey that reaches 4.5:1 on white (4.54:1).
    assert.equal(contrastRatio("#767676", WHITE).toFixed(2), "4.54");
    assert.ok(contrastRatio("#777777", WHITE) < 4.5);
  });

  test("text on a brand colour is black or white, and always reaches AA (4.5:1)", () => {
    assert.equal(readableTextOn("#FFD400"), BLACK); // yellow
    assert.equal(readableTextOn("#1F4FD1"), WHITE); // blue
    assert.equal(readableTextOn("#FFFFFF"), BLACK);
    assert.equal(readableTextOn("#000000"), WHITE);
    for (let value = 0; value < 0x1000000; value += 0x010203) {
      const color = `#${value.toString(16).padStart(6, "0")}`;
      assert.ok(contrastRatio(color, readableTextOn(color)) >= 4.5, color);
    }
  });

  test("a focus ring too faint against the page takes the fallback", () => {
    assert.equal(visibleAgainst("#FFD400", WHITE, "#1E293B"), "#1E293B");
    assert.equal(visibleAgainst("#1F4FD1", WHITE, "#1E293B"), "#1F4FD1");
  });
});
