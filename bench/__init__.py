"""Seeding at scale and the performance benchmark: tooling beside the product (bench/README.md)."""
