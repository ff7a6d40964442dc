// Generate extension/src/_findings.d.ts from the published findings JSON Schema,
// so the TypeScript wire types cannot drift from what the server sends.
import { readFileSync, writeFileSync } from 'node:fs';
import { compile } from 'json-schema-to-typescript';

const SCHEMA = 'converter/nbprod/lint/findings.schema.json';
const OUTPUT = 'extension/src/_findings.d.ts';

const schema = JSON.parse(readFileSync(SCHEMA, 'utf-8'));
// The root is an array; wrap it so every definition gets a named type.
const wrapper = {
  title: 'NbprodWire',
  type: 'object',
  additionalProperties: false,
  properties: {
    findings: { title: 'Findings', ...withoutMeta(schema) },
    ...Object.fromEntries(
      Object.keys(schema.definitions).map(name => [
        name,
        { $ref: `#/definitions/${name}` }
      ])
    )
  },
  definitions: schema.definitions
};

function withoutMeta(s) {
  const { $schema, $id, definitions, ...rest } = s;
  return rest;
}

const ts = await compile(wrapper, 'NbprodWire', {
  additionalProperties: false,
  bannerComment: `/* Generated from ${SCHEMA} by extension/scripts/build-types.mjs: do not edit. */`,
  style: { singleQuote: true, trailingComma: 'none' }
});
writeFileSync(OUTPUT, ts);
