import { openStore } from '@/src/storage/db';
import { serveImports } from '@/src/storage/import-worker';

// Wiring only: the options page starts this worker for each import (see
// src/storage/import-worker.ts for why imports run off the page's thread).
serveImports(self, () => openStore());
