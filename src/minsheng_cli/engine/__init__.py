"""The verdict: what the plan requires at a date, what was reported, and the status of each."""
