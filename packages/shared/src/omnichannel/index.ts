export * from './route-fulfillment';
export * from './choose-locations';
