"""Command-line commands of individual features, registered by desktop.cli.FEATURE_COMMANDS."""
