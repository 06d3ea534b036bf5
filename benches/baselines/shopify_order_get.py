"""The script a support engineer writes today to look up an order: the official ShopifyAPI
library, a session with an access token, two GraphQL queries (the name to the order's id, then
the order) and a print. benches/order-get.sh times it next to `shopdesk order get`.

It sends the very request bodies shopdesk sends (captured with `shopdesk -vv`), so both sides ask
the sandbox for the same work; only the client differs.

    SHOPIFY_ACCESS_TOKEN=… python shopify_order_get.py STORE_URL BY_NAME.json BY_ID.json
"""
import json
import sys

import shopify

store_url, by_name_file, by_id_file = sys.argv[1:4]
by_name = json.load(open(by_name_file))
by_id = json.load(open(by_id_file))

session = shopify.Session(store_url, "2026-10", __import__("os").environ["SHOPIFY_ACCESS_TOKEN"])
shopify.ShopifyResource.activate_session(session)
# The session builds https://<shop>.myshopify.com; the sandbox serves the store under a path of
# its own, so the site is pointed there (as /etc/hosts would point a real shop's name).
shopify.ShopifyResource.site = store_url.rstrip("/") + "/admin/api/2026-10"

gql = shopify.GraphQL()
found = json.loads(gql.execute(by_name["query"], by_name.get("variables"), by_name.get("operationName")))
nodes = found["data"]["orders"]["nodes"]
if not nodes:
    sys.exit("order not found")
variables = dict(by_id.get("variables") or {}, id=nodes[0]["id"])
order = json.loads(gql.execute(by_id["query"], variables, by_id.get("operationName")))["data"]["order"]
money = order["totalPriceSet"]["shopMoney"]
print(order["name"], order["displayFinancialStatus"], money["amount"], money["currencyCode"])
