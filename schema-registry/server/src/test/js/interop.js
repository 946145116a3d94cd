// Interop check run by NpmInteropIT: the npm client @kafkajs/confluent-schema-registry (with avsc) against our
// registry. Prints one JSON line on stdout; exits non-zero with the error on stderr.
//   node interop.js encode <registryUrl> <subject>          registers the Order schema, encodes ORDER -> {id, hex}
//   node interop.js decode <registryUrl> <hex>              decodes Confluent wire-format bytes -> {value}
'use strict';
const { SchemaRegistry, SchemaType } = require('@kafkajs/confluent-schema-registry');

const ORDER_SCHEMA = {
  type: 'record', name: 'Order', namespace: 'interop',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'customer', type: 'string' },
    { name: 'note', type: ['null', 'string'], default: null },
    { name: 'amount', type: 'double' },
    { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['NEW', 'PAID', 'SHIPPED'] } },
    { name: 'tags', type: { type: 'array', items: 'string' } },
    { name: 'attributes', type: { type: 'map', values: 'int' } },
  ],
};
const ORDER = {
  id: 4102444800123, customer: 'Zoë', note: 'first order', amount: 12.5, status: 'PAID',
  tags: ['a', 'b'], attributes: { size: 3 },
};

function replacer(key, value) {
  if (value && value.type === 'Buffer' && Array.isArray(value.data)) {
    return Buffer.from(value.data).toString('hex');
  }
  return value;
}

async function main() {
  const [mode, url, arg] = process.argv.slice(2);
  const registry = new SchemaRegistry({ host: url, retry: { retries: 0 } });
  if (mode === 'encode') {
    const { id } = await registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(ORDER_SCHEMA) }, { subject: arg });
    const bytes = await registry.encode(id, ORDER);
    const latestId = await registry.getLatestSchemaId(arg);
    process.stdout.write(JSON.stringify({ id, latestId, hex: bytes.toString('hex') }) + '\n');
  } else if (mode === 'decode') {
    const value = await registry.decode(Buffer.from(arg, 'hex'));
    process.stdout.write(JSON.stringify({ value }, replacer) + '\n');
  } else {
    throw new Error('usage: node interop.js encode|decode <registryUrl> <subject|hex>');
  }
}

main().catch((error) => {
  process.stderr.write((error && error.stack ? error.stack : String(error)) + '\n');
  process.exit(1);
});
