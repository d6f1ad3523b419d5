// Compile-time checks for the JSX types: each @ts-expect-error must be an error.
import type {} from 'statchart/react';

export const ok = <stat-chart src="/feed.json" refresh={60} theme="auto" aspect-ratio="16/9" />;
// @ts-expect-error: theme is light, dark or auto
export const badTheme = <stat-chart theme="blue" />;
// @ts-expect-error: spec must be a chart spec
export const badSpec = <stat-chart spec={{ type: 'pie' }} />;
