"""The browse page (/browse): filters in the URL, the pages loaded so far and their table."""
