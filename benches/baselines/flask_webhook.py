"""The baseline for benches/webhook.sh: a minimal Flask webhook receiver in the usual style.

POST /webhooks/shop: check X-Shopify-Hmac-Sha256 (base64 HMAC-SHA256 of the raw body, compared
in constant time), then write the event to SQLite and commit before answering 200 (a delivery
id seen before is answered 200 and not stored again). One connection per request, SQLite's
defaults (rollback journal, synchronous=FULL), as a small Flask app usually does it.

Run: WEBHOOK_SECRET=... DB=/tmp/events.sqlite3 python3 flask_webhook.py PORT
(Flask's development server, threaded; benches/webhook.sh uses gunicorn instead when installed.)
"""

import base64
import hashlib
import hmac
import os
import sqlite3
import sys

from flask import Flask, abort, request

SECRET = os.environ["WEBHOOK_SECRET"].encode()
DB = os.environ["DB"]

app = Flask(__name__)

with sqlite3.connect(DB) as c:
    c.execute(
        "CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, delivery_id TEXT UNIQUE,"
        " topic TEXT, received_at REAL, body BLOB)"
    )


@app.post("/webhooks/shop")
def receive():
    body = request.get_data()
    given = request.headers.get("X-Shopify-Hmac-Sha256", "")
    want = base64.b64encode(hmac.new(SECRET, body, hashlib.sha256).digest()).decode()
    if not hmac.compare_digest(given, want):
        abort(401)
    delivery = request.headers.get("X-Shopify-Webhook-Id")
    if not delivery:
        abort(400)
    conn = sqlite3.connect(DB, timeout=30)
    try:
        conn.execute(
            "INSERT OR IGNORE INTO events (delivery_id, topic, received_at, body)"
            " VALUES (?, ?, strftime('%s','now'), ?)",
            (delivery, request.headers.get("X-Shopify-Topic"), body),
        )
        conn.commit()
    finally:
        conn.close()
    return {"status": "accepted"}


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(sys.argv[1]), threaded=True)
