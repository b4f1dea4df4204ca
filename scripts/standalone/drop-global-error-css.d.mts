export function dropGlobalErrorCss(source: string): string | null;
export function dropGlobalErrorCssUnder(dir: string): number;
