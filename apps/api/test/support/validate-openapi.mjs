/* global process */
// Validates an OpenAPI document (JSON on stdin) with @seriousme/openapi-schema-validator, an ESM
// package that Jest's CommonJS runtime cannot load; the test runs this in a child Node process.
import { Validator } from '@seriousme/openapi-schema-validator';

let input = '';
for await (const chunk of process.stdin) input += chunk;
const validator = new Validator();
const result = await validator.validate(JSON.parse(input));
process.stdout.write(JSON.stringify({ valid: result.valid, version: validator.version, errors: result.errors ?? [] }));
