/** Production build: warnings compiled away. The default of the `#dev` import (see package.json `imports`). */
export const DEV: boolean = false;
