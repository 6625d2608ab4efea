#!/usr/bin/env python3
"""Prints NewsPipeline's public events from RabbitMQ, one JSON line each, deduplicated by messageId.

Binds a durable queue to both event exchanges, so events published while this subscriber is not running wait for it
(and survive a broker restart). Needs pika (Debian: python3-pika).

    python3 subscriber.py --url amqp://guest:guest@localhost:5672/%2F --queue my-subscriber
"""
import argparse
import json
import sys

import pika

# MassTransit's exchanges for the public events: fanout, durable. Declaring them with other properties (a plain
# exchange_declare is direct and not durable) fails with 406 PRECONDITION_FAILED; with these it is a no-op once the
# pipeline has created them, and creates them if it has not run yet.
EXCHANGES = ["NewsPipeline.Contracts.Events:ArticleProcessed", "NewsPipeline.Contracts.Events:ArticleRejected"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="amqp://guest:guest@localhost:5672/%2F", help="broker (AMQP URL; vhost / is %%2F)")
    parser.add_argument("--queue", default="newspipeline-python-subscriber", help="durable queue of this subscriber")
    parser.add_argument("--max", type=int, default=0, help="stop after this many distinct events (0: run until Ctrl+C)")
    args = parser.parse_args()

    connection = pika.BlockingConnection(pika.URLParameters(args.url))
    channel = connection.channel()
    channel.queue_declare(queue=args.queue, durable=True)
    for exchange in EXCHANGES:
        channel.exchange_declare(exchange=exchange, exchange_type="fanout", durable=True)
        channel.queue_bind(queue=args.queue, exchange=exchange)
    channel.basic_qos(prefetch_count=100)
    print(f"subscribed: queue {args.queue}", file=sys.stderr, flush=True)

    # A redelivery (after a broker or pipeline restart) carries the same messageId; a real subscriber keeps these ids
    # where its own results are, so that a restarted subscriber dedupes too.
    seen = set()

    def on_message(ch, method, properties, body):
        envelope = json.loads(body)
        message_id = envelope.get("messageId") or properties.message_id
        if message_id in seen:
            print(f"duplicate {message_id} skipped", file=sys.stderr, flush=True)
        else:
            seen.add(message_id)
            event = envelope["messageType"][0].rsplit(":", 1)[-1]
            print(json.dumps({"event": event, "messageId": message_id, **envelope["message"]}), flush=True)
        ch.basic_ack(delivery_tag=method.delivery_tag)
        if args.max and len(seen) >= args.max:
            ch.stop_consuming()

    channel.basic_consume(queue=args.queue, on_message_callback=on_message)
    try:
        channel.start_consuming()
    except KeyboardInterrupt:
        pass
    connection.close()


if __name__ == "__main__":
    main()
