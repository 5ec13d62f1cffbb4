"""What is drawn for one model on any page: header, facts, tables, raw response, downloads,
and the many-model status table that Browse and the board share."""
