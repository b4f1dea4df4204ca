import { describe, expect, it } from "vitest";
import { taskResolution, truncate, videoMimeType } from "@/lib/shared/format";
import { extractTaskIds } from "@/lib/shared/ids";
import { fitsInLink, lookupPath, MAX_LINK_IDS, sharePath, taskPath } from "@/lib/shared/links";

const A = "4665a07c-7641-4809-a133-10786201bb56";
const B = "8b9a0f1e-2d3c-4b5a-8f6e-7d8c9b0a1f0e";

describe("links", () => {
  it("builds share, lookup and task paths that the id parser reads back", () => {
    expect(sharePath([A, B])).toBe(`/?ids=${A},${B}`);
    expect(lookupPath([A])).toBe(`/lookup?ids=${A}`);
    expect(lookupPath([])).toBe("/lookup");
    expect(taskPath(A)).toBe(`/tasks/${A}`);
    expect(extractTaskIds(sharePath([A, B]))).toEqual([A, B]);
  });

  it("keeps links under Node's 16 KB header limit", () => {
    const ids = Array.from({ length: MAX_LINK_IDS }, () => A);
    expect(fitsInLink(ids)).toBe(true);
    expect(fitsInLink([...ids, A])).toBe(false);
    expect(`https://some.host.example${lookupPath(ids)}`.length).toBeLessThan(8 * 1024);
  });
});

describe("format", () => {
  it("formats the task details shown on its page", () => {
    expect(taskResolution({ video: { url: "", downloadUrl: "", width: 1360, height: 752, duration: 5 }, thumbnail: null })).toBe("1360×752");
    expect(taskResolution({ video: null, thumbnail: null })).toBeNull();
    expect(truncate("a  b\n c", 10)).toBe("a b c");
    expect(truncate("abcdefghijkl", 6)).toBe("abcde…");
    expect(videoMimeType("https://m.example/v/1.webm?expires=1")).toBe("video/webm");
    expect(videoMimeType("https://m.example/v/1.mp4")).toBe("video/mp4");
  });
});
