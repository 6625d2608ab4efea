#!/usr/bin/env node
// Prints NewsPipeline's public events from RabbitMQ, one JSON line each, deduplicated by messageId.
// Binds a durable queue to both event exchanges, so events published while this subscriber is not running wait for it
// (and survive a broker restart). Needs amqplib (npm ci in this folder).
//
//   node subscriber.js --url amqp://guest:guest@localhost:5672/%2F --queue my-subscriber
'use strict';
const amqp = require('amqplib');
const { parseArgs } = require('node:util');

// MassTransit's exchanges for the public events: fanout, durable. Declaring them with other properties fails with
// 406 PRECONDITION_FAILED; with these it is a no-op once the pipeline has created them, and creates them if it has not run yet.
const EXCHANGES = ['NewsPipeline.Contracts.Events:ArticleProcessed', 'NewsPipeline.Contracts.Events:ArticleRejected'];

async function main() {
  const { values: args } = parseArgs({
    options: {
      url: { type: 'string', default: 'amqp://guest:guest@localhost:5672/%2F' },
      queue: { type: 'string', default: 'newspipeline-node-subscriber' },
      max: { type: 'string', default: '0' },
    },
  });
  const max = Number(args.max);
  const connection = await amqp.connect(args.url);
  const channel = await connection.createChannel();
  await channel.assertQueue(args.queue, { durable: true });
  for (const exchange of EXCHANGES) {
    await channel.assertExchange(exchange, 'fanout', { durable: true });
    await channel.bindQueue(args.queue, exchange, '');
  }
  await channel.prefetch(100);
  console.error(`subscribed: queue ${args.queue}`);

  // A redelivery (after a broker or pipeline restart) carries the same messageId; a real subscriber keeps these ids
  // where its own results are, so that a restarted subscriber dedupes too.
  const seen = new Set();
  const stop = async () => { await channel.close(); await connection.close(); };
  await channel.consume(args.queue, async (msg) => {
    const envelope = JSON.parse(msg.content.toString('utf8'));
    const messageId = envelope.messageId || msg.properties.messageId;
    if (seen.has(messageId)) {
      console.error(`duplicate ${messageId} skipped`);
    } else {
      seen.add(messageId);
      const event = envelope.messageType[0].split(':').pop();
      console.log(JSON.stringify({ event, messageId, ...envelope.message }));
    }
    channel.ack(msg);
    if (max > 0 && seen.size >= max) await stop();
  });
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => { console.error(`error: ${e.message}`); process.exit(1); });
