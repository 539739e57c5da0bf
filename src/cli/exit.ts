/** Exit statuses: the final suite is green; failures remain; the command line or its input is wrong. */
export const EXIT = { green: 0, failing: 1, usage: 2 } as const;
