"""The handbook's search index, made at build time from the model: records, words, shards, files."""
