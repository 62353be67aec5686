"""Reminders that arrive: Web Push messages at the times a person chooses.

- `schedule`: which reminder slots are due at a moment, from a person's choices (pure);
- `push`: the server's VAPID keys and one encrypted message to one browser (pywebpush);
- `endpoints`: which push service addresses the server will post to;
- `scheduler`: the background job every web worker runs; one worker sends each reminder,
  claimed in the database.

The wording and the times are data (reminders.toml)."""
