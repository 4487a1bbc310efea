"""The files that are not pages: open data, feeds, calendars, the search index, the annual reports."""
