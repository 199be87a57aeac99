#!/usr/bin/env node
'use strict';
try {
  require('../dist/cli.js');
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes('dist/cli.js')) {
    process.stderr.write("faultline: not built yet; run 'npm run build' first\n");
    process.exit(2);
  }
  throw error;
}
