"""The inspect page (/): look up one model by ID and show its state and configuration."""

from components.inspect.view import inspect
from components.shell.navigation import INSPECT
from components.shell.page import page

with page(INSPECT) as connection:
    inspect(connection)
