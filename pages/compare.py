"""The compare page (/compare?a=<id>&b=<id>): two models side by side and what differs."""

from components.compare.view import compare
from components.shell.navigation import COMPARE
from components.shell.page import page

with page(COMPARE) as connection:
    compare(connection)
