"""The inspect page (/): the model ID field, the model's view, the Watch switch and the
notice when the API sends something newer than this app knows."""
