'use strict';
// What bin/tsdig does before tsdig's main runs: read the bundle and its code cache, and evaluate it.
// The bench times this beside `node -e 0` and a plain query, to show where start-up goes.
require('../bin/bundle.cjs').loadBundle();
