#!/usr/bin/env node
'use strict';
try {
  require('../dist/server.js');
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes('dist/server.js')) {
    process.stderr.write("faultline-language-server: not built yet; run 'npm run build' first\n");
    process.exit(2);
  }
  throw error;
}
