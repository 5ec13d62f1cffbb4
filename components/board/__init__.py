"""The status board (/board): many IDs, loaded concurrently through the lookup cache."""
