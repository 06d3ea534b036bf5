"""The same lookup as shopify_order_get.py written with plain `requests` instead of the ShopifyAPI
library: one session, the two GraphQL bodies shopdesk sends (name to id, then the order), a
print. benches/order-get.sh times both next to `shopdesk order get`.

    SHOPIFY_ACCESS_TOKEN=… python requests_order_get.py STORE_URL BY_NAME.json BY_ID.json
"""
import json
import os
import sys

import requests

store_url, by_name_file, by_id_file = sys.argv[1:4]
by_name = json.load(open(by_name_file))
by_id = json.load(open(by_id_file))
endpoint = store_url.rstrip("/") + "/admin/api/2026-10/graphql.json"

with requests.Session() as s:
    s.headers["X-Shopify-Access-Token"] = os.environ["SHOPIFY_ACCESS_TOKEN"]
    found = s.post(endpoint, json=by_name, timeout=30)
    found.raise_for_status()
    nodes = found.json()["data"]["orders"]["nodes"]
    if not nodes:
        sys.exit("order not found")
    body = dict(by_id, variables=dict(by_id.get("variables") or {}, id=nodes[0]["id"]))
    got = s.post(endpoint, json=body, timeout=30)
    got.raise_for_status()
    order = got.json()["data"]["order"]
money = order["totalPriceSet"]["shopMoney"]
print(order["name"], order["displayFinancialStatus"], money["amount"], money["currencyCode"])
