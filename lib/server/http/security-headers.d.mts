export interface HeaderEntry {
  key: string;
  value: string;
}
export declare const EVERYWHERE: readonly HeaderEntry[];
export declare const API_CSP: string;
export declare const STATIC_CSP: string;
export declare const API_HEADERS: readonly HeaderEntry[];
