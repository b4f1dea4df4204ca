// Callbacks have a budget of their own (SPEC §8): a busy gateway calling back must not use up the
// dashboard's API budget, nor the dashboard's users the gateway's.
export const CALLBACKS_PER_MINUTE = 1200;
