"""Application services: gather what a front end needs from the store, call the core."""
