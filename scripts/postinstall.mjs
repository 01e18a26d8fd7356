// npm's postinstall: applies patches/ with patch-package, a dev dependency. `npm ci --omit=dev` (a production
// install, e.g. to run the CLI) does not install it: the patches only concern the site's build, so it is
// skipped with a note instead of failing the install.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let bin;
try {
  bin = require.resolve('patch-package/index.js');
} catch {
  console.log('postinstall : patch-package absent (installation sans dépendances de développement) ; correctifs de patches/ non appliqués, ils ne servent qu’à la construction du site.');
  process.exit(0);
}
const r = spawnSync(process.execPath, [bin], { stdio: 'inherit' });
process.exit(r.status ?? 1);
