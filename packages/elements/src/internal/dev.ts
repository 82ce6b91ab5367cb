/** Development build: warnings on. Selected by the `development` export condition (see package.json `imports`). */
export const DEV: boolean = true;
