// Readiness: the services a request needs answer. Each check throws (or never settles) when its
// service is not there; a check that takes longer than the deadline counts as not ready.

export interface ReadinessCheck {
  /** Shown in /api/ready's answer: a service name only, never an address or a message. */
  name: string;
  probe(): Promise<void>;
}

export interface ReadinessReport {
  ready: boolean;
  checks: { name: string; ok: boolean }[];
}

function withinDeadline(probe: () => Promise<void>, deadlineMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), deadlineMs);
  });
  const settled = (async () => {
    try {
      await probe();
      return true;
    } catch {
      return false;
    }
  })();
  return Promise.race([settled, late]).finally(() => clearTimeout(timer));
}

/** Runs every check at once; ready when all pass within `deadlineMs`. */
export async function runReadinessChecks(checks: readonly ReadinessCheck[], deadlineMs: number): Promise<ReadinessReport> {
  const results = await Promise.all(checks.map(async (check) => ({ name: check.name, ok: await withinDeadline(() => check.probe(), deadlineMs) })));
  return { ready: results.every((result) => result.ok), checks: results };
}
