"""End-to-end ACME tests with real parts: pebble, certbot, a DNS responder, the stub.

``make e2e`` runs them."""
