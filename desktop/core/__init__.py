"""The pure core: no Qt, no SQLite, no clock reads. Time always comes in as an argument."""
