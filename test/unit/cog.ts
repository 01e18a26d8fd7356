// The pinned COG, loaded once for the unit tests.
import { loadCog } from '../../scripts/lib/inputs.ts';

export const cog = loadCog();
