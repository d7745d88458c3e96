import { beforeEach, describe, expect, it } from "vitest";
import { toast, useToastStore } from "./store";

beforeEach(() => useToastStore.setState({ toasts: [] }));

describe("toast store", () => {
  it("queues toasts in order with their severity and link", () => {
    toast.success("Library scan started", { link: { label: "View job", to: "/jobs/1" } });
    toast.error("Retry failed: job is running");
    expect(useToastStore.getState().toasts).toMatchObject([
      { message: "Library scan started", severity: "success", link: { label: "View job", to: "/jobs/1" } },
      { message: "Retry failed: job is running", severity: "error" },
    ]);
  });

  it("gives each toast its own id and dismisses only that one", () => {
    const first = toast.info("one");
    const second = toast.warning("two");
    expect(first).not.toBe(second);
    useToastStore.getState().dismiss(first);
    expect(useToastStore.getState().toasts.map((t) => t.message)).toEqual(["two"]);
  });
});
