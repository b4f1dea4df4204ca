export function summarize(log: string, exitStatus?: number): { passed: number; failed: number; aborted: boolean };
