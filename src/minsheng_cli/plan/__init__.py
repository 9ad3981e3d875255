"""Plan files: the model, YAML loading with locations, checks, audit, diff, schema."""
