"""The overview tab: charts and counters of what needs attention."""
