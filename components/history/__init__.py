"""The history on the pages: whose lookups are recorded, where they are read from, and the
summary line, the History section and the Follow switch of the inspect page."""
