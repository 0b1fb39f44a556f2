// Must be the first import of main.tsx: zod compiles fast parsers with `new Function` unless told not
// to, and it decides that when each schema is built (at import of shared/). Under the page's strict
// CSP that probe would log a security violation on every start, so switch it off before any schema exists.
import { z } from 'zod';

z.config({ jitless: true });
