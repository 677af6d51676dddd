#!/usr/bin/env python3
"""Sends N register pages, one after another, on one kept-alive connection (the callgrind load):
the GraphQL query of a register page, or with `html` the public web page of the register."""
import http.client, json, sys
port, n, slug = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
html = len(sys.argv) > 4 and sys.argv[4] == "html"
query = """query RegisterPage($first: Int!) {
  decisions(first: $first, filter: { keyDecision: true, decidedFrom: "2015-01-01" }) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id title dateOfDecision publicationDate statusLabel decisionMaker { name } } }
  }
}"""
body = json.dumps({"query": query, "variables": {"first": 20}})
conn = http.client.HTTPConnection("127.0.0.1", port)
for _ in range(n):
    if html:
        # The same list on the web: key decisions, decided from 2015 (20 a page).
        conn.request("GET", f"/councils/{slug}?key=yes&from=2015-01-01")
    else:
        conn.request("POST", f"/councils/{slug}/graphql", body,
                     {"Content-Type": "application/json", "Accept": "application/json"})
    r = conn.getresponse(); data = r.read()
    assert r.status == 200 and b'"errors"' not in data, data[:300]
