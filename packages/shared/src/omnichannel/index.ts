export * from './route-fulfillment';
export * from './choose-locations';
export * from './pickup-reservations';
export * from './pickup-hold';
export * from './pickup-handover';
export * from './pickup-queue';
