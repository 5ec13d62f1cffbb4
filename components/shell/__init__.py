"""The page shell every page is drawn in: page config, the error guard, the sidebar (navigation
and connection), the operator's settings and the guards a page passes before it fetches."""
