import * as z from 'zod';

/**
 * The page is served with `script-src 'self'` (no 'unsafe-eval'). Zod
 * compiles fast object parsers with `new Function` unless told not to, and
 * decides when each schema is built, so this module must be imported before
 * any schema module (first import of main.tsx). Otherwise the probe trips a
 * CSP violation (and a report, once reporting is on).
 */
z.config({ jitless: true });
