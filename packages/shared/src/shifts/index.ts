export * from './denominations';
export * from './report-totals';
export * from './close-shift';
export * from './till-state';
