// Reads every record of the given topics from the beginning with kafkajs and decodes keys and values with
// @kafkajs/confluent-schema-registry (avsc): a foreign client check of the cdc-engine's wire format.
// Usage: node decode-topics.mjs <bootstrap> <registry-url> <topic>...   Prints one JSON line per record.
import { Kafka, logLevel } from 'kafkajs';
import avro from 'avsc';
import pkg from '@kafkajs/confluent-schema-registry';
const { SchemaRegistry, SchemaType } = pkg;

// Avro longs as BigInt: Debezium's ts_ns (nanoseconds since 1970, ~1.8e18) exceeds JavaScript's 2^53, and avsc's
// default long type refuses it ("potential precision loss"). Any JS consumer of these topics needs this.
const longType = avro.types.LongType.__with({
  fromBuffer: (buf) => buf.readBigInt64LE(),
  toBuffer: (n) => { const buf = Buffer.alloc(8); buf.writeBigInt64LE(BigInt(n)); return buf; },
  fromJSON: BigInt,
  toJSON: Number,
  isValid: (n) => typeof n === 'bigint',
  compare: (a, b) => (a === b ? 0 : a < b ? -1 : 1),
});
const typeHook = (schema) => (schema === 'long' || (schema && schema.type === 'long') ? longType : undefined);

const [, , bootstrap, registryUrl, ...topics] = process.argv;
const kafka = new Kafka({ clientId: 'tributary-foreign-decode', brokers: bootstrap.split(','), logLevel: logLevel.ERROR });
const registry = new SchemaRegistry({ host: registryUrl }, { [SchemaType.AVRO]: { typeHook } });

const admin = kafka.admin();
await admin.connect();
const ends = new Map();
for (const topic of topics) {
  for (const p of await admin.fetchTopicOffsets(topic)) {
    if (BigInt(p.high) > 0n) ends.set(`${topic}:${p.partition}`, BigInt(p.high));
  }
}
await admin.disconnect();

const consumer = kafka.consumer({ groupId: `tributary-foreign-${process.pid}-${Date.now()}` });
await consumer.connect();
await consumer.subscribe({ topics, fromBeginning: true });
const out = [];
let remaining = ends.size;
await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`timeout, ${remaining} partition(s) not read to the end`)), 60000);
  if (remaining === 0) { clearTimeout(timer); resolve(); return; }
  consumer.run({
    eachMessage: async ({ topic, partition, message }) => {
      const key = message.key ? await registry.decode(message.key) : null;
      const value = message.value ? await registry.decode(message.value) : null;
      out.push({ topic, partition, offset: Number(message.offset), key, op: value ? value.op : null,
        lsn: value && value.source && value.source.lsn !== null ? value.source.lsn.toString() : null,
        unavailable: value ? value.unavailable_columns : null,
        after: value ? value.after : null });
      if (BigInt(message.offset) + 1n === ends.get(`${topic}:${partition}`)) {
        remaining -= 1;
        if (remaining === 0) { clearTimeout(timer); resolve(); }
      }
    },
  }).catch(reject);
});
await consumer.disconnect();
const json = (k, v) => (typeof v === 'bigint' ? v.toString() : v && v.type === 'Buffer' ? Buffer.from(v.data).toString('hex') : v);
for (const r of out) console.log(JSON.stringify(r, json));
