/** The time source: injected so tests can move time forward without sleeping. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
