export type ChartSpec = Record<string, unknown>; export interface ChartOptions { height?: number; pixelRatio?: number; theme?: 'light' | 'dark'; }
