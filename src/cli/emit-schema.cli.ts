import fs from 'node:fs';
import path from 'node:path';
import { printGatewaySchema, SCHEMA_FILE } from '../schema/print-schema';

// Run from the repository root (npm run schema).
const target = path.resolve(process.cwd(), SCHEMA_FILE);
fs.writeFileSync(target, printGatewaySchema());
console.log(`wrote ${path.relative(process.cwd(), target)}`);
